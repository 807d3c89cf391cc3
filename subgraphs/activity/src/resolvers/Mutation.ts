import { createActivity, transitionActivity } from '../domain/activities.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  createActivity: (_, { input }, { prisma, viewerId }) => createActivity(prisma, viewerId, input),
  startActivity: (_, { id, at }, { prisma, viewerId }) => transitionActivity(prisma, viewerId, id, { transition: 'start', at }),
  pauseActivity: (_, { id, at }, { prisma, viewerId }) => transitionActivity(prisma, viewerId, id, { transition: 'pause', at }),
  resumeActivity: (_, { id, at }, { prisma, viewerId }) =>
    transitionActivity(prisma, viewerId, id, { transition: 'resume', at }),
  stopActivity: (_, { id, at }, { prisma, viewerId }) => transitionActivity(prisma, viewerId, id, { transition: 'stop', at }),
  completeActivity: (_, { id, input }, { prisma, viewerId }) =>
    transitionActivity(prisma, viewerId, id, { transition: 'complete', completion: input }),
  discardActivity: (_, { id }, { prisma, viewerId }) => transitionActivity(prisma, viewerId, id, { transition: 'discard' }),
};
