import type { FollowingLiveEvent } from '../domain/following-live.js';
import { watchFollowing } from '../following-live.js';
import type { SubscriptionResolvers } from '../generated/resolvers-types.js';

export const Subscription: SubscriptionResolvers = {
  followingLive: {
    subscribe: (_, __, { prisma, bus, log, viewerId }) => watchFollowing(prisma, bus, log, viewerId) as never,
    resolve: (event: FollowingLiveEvent) => event,
  },
};
