import { logIn, signUp } from '../domain/accounts.js';
import { addComment, deleteComment } from '../domain/comments.js';
import { follow, unfollow } from '../domain/follows.js';
import { giveKudos, removeKudos } from '../domain/kudos.js';
import { addPrivacyZone, removePrivacyZone } from '../domain/privacy-zones.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import type { SocialContext } from '../context.js';

const relationTo = ({ loaders }: SocialContext) => (athleteId: string) => loaders.relationToAthlete.load(athleteId);

export const Mutation: MutationResolvers = {
  signUp: (_, { input }, { prisma, jwtSecret }) => signUp(prisma, jwtSecret, input),
  logIn: (_, { input }, { prisma, jwtSecret }) => logIn(prisma, jwtSecret, input),
  follow: (_, { userId }, { prisma, viewerId }) => follow(prisma, viewerId, userId),
  unfollow: (_, { userId }, { prisma, viewerId }) => unfollow(prisma, viewerId, userId),
  giveKudos: (_, { activityId }, context) => giveKudos(context.prisma, context.viewerId, relationTo(context), activityId),
  removeKudos: (_, { activityId }, context) => removeKudos(context.prisma, context.viewerId, relationTo(context), activityId),
  addComment: (_, { activityId, text }, context) =>
    addComment(context.prisma, context.viewerId, relationTo(context), activityId, text),
  deleteComment: (_, { id }, { prisma, viewerId }) => deleteComment(prisma, viewerId, id),
  addPrivacyZone: (_, { input }, { prisma, viewerId }) => addPrivacyZone(prisma, viewerId, input),
  removePrivacyZone: (_, { id }, { prisma, viewerId }) => removePrivacyZone(prisma, viewerId, id),
};
