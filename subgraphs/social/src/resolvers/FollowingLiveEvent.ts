import type { FollowingLiveEventResolvers } from '../generated/resolvers-types.js';

export const FollowingLiveEvent: FollowingLiveEventResolvers = {
  at: (event) => new Date(event.at),
  athlete: (event, _, { loaders }) => (event.athleteId ? loaders.userById.load(event.athleteId) : null),
  // A reference the activity subgraph fills in, as the follower may see it; a discarded or hidden one is gone. The
  // event was checked for this viewer when delivered, and the activity subgraph's reference resolver checks
  // it again; a check here would read loaders cached for the subscription's whole life.
  activity: (event) => (event.kind === 'DISCARDED' || event.kind === 'HIDDEN' || !event.activityId ? null : { id: event.activityId }),
};
