import { logIn, signUp } from '../domain/accounts.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  signUp: (_, { input }, { prisma, jwtSecret }) => signUp(prisma, jwtSecret, input),
  logIn: (_, { input }, { prisma, jwtSecret }) => logIn(prisma, jwtSecret, input),
};
