import type { FollowingLiveEventResolvers } from '../generated/resolvers-types.js';

export const FollowingLiveEvent: FollowingLiveEventResolvers = {
  at: (event) => new Date(event.at),
  athlete: (event, _, { loaders }) => loaders.userById.load(event.athleteId).then((user) => user!),
  // A reference the activity subgraph fills in, as the follower may see it (null once discarded).
  activity: (event) => ({ id: event.activityId }),
};
