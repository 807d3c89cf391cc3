import type { LiveEvent } from '../domain/live-activity.js';
import type { TelemetryContext } from '../context.js';
import type { SubscriptionResolvers } from '../generated/resolvers-types.js';

export const Subscription: SubscriptionResolvers = {
  liveActivity: {
    subscribe: (_, { activityId }, { liveFeed, viewerId, fanOut }) => liveFeed.watch({ viewerId, fanOut }, activityId) as never,
    // Who may see the activity goes with each event, for the gateway to check its viewers against.
    resolve: (event: LiveEvent, _: unknown, context: TelemetryContext) => {
      context.eventExtensions = { audience: event.audience };
      return event.update;
    },
  },
};
