import type { FollowingLiveEventResolvers } from '../generated/resolvers-types.js';

export const FollowingLiveEvent: FollowingLiveEventResolvers = {
  at: (event) => new Date(event.at),
  athlete: (event, _, { loaders }) => loaders.userById.load(event.athleteId),
  // A reference the activity subgraph fills in, as the follower may see it; a discarded one is gone.
  activity: (event) => (event.kind === 'DISCARDED' ? null : { id: event.activityId }),
};
