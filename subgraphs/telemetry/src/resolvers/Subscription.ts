import type { SubscriptionResolvers } from '../generated/resolvers-types.js';
import type { LiveActivityUpdate } from '../domain/live-activity.js';

export const Subscription: SubscriptionResolvers = {
  liveActivity: {
    subscribe: (_, { activityId }, { liveFeed, viewerId }) => liveFeed.watch(viewerId, activityId),
    resolve: (update: LiveActivityUpdate) => update,
  },
};
