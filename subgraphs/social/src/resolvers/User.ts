import { historyPage } from '../activity-lists.js';
import { commentsWrittenPage } from '../comments.js';
import { pageSize } from '../domain/connections.js';
import { followPage } from '../follows.js';
import { privacyZonesOf } from '../privacy-zones.js';
import { preferencesSeenBy } from '../profile.js';
import { suggestedFollows } from '../store/follows.js';
import { athleteTotals } from '../totals.js';
import type { UserResolvers } from '../generated/resolvers-types.js';

export const User: UserResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.userById.load(id),
  followers: (user, { first, after }, { prisma }) => followPage(prisma, user.id, 'followers', pageSize(first), after),
  following: (user, { first, after }, { prisma }) => followPage(prisma, user.id, 'following', pageSize(first), after),
  followerCount: (user, _, { loaders }) => loaders.followerCount.load(user.id),
  followingCount: (user, _, { loaders }) => loaders.followingCount.load(user.id),
  isFollowedByMe: async (user, _, { loaders }) => (await loaders.relationToAthlete.load(user.id)) === 'FOLLOWER',
  suggestedFollows: (user, { first }, { prisma, viewerId }) =>
    user.id === viewerId ? suggestedFollows(prisma, user.id, pageSize(first, 10)) : [],
  activities: async (user, { first, after, sport, from, to }, { prisma, loaders }) =>
    historyPage(prisma, user.id, await loaders.relationToAthlete.load(user.id), { sport, from, to }, pageSize(first), after),
  privacyZones: (user, _, { prisma, viewerId }) => privacyZonesOf(prisma, viewerId, user.id),
  email: (user, _, { viewerId }) => (user.id === viewerId ? user.email : null),
  preferences: (user, _, { viewerId }) => preferencesSeenBy(viewerId, user),
  commentsWritten: (user, { first, after }, { prisma, viewerId }) => commentsWrittenPage(prisma, viewerId, user.id, pageSize(first), after),
  totals: async (user, { timeZone }, { prisma, loaders }) =>
    athleteTotals(prisma, user.id, await loaders.relationToAthlete.load(user.id), timeZone ?? 'UTC'),
};
