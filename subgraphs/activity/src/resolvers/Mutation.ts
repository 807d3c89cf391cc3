import { createActivity } from '../domain/activities.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  createActivity: (_, { input }, { prisma, viewerId }) => createActivity(prisma, viewerId, input),
};
