import type { LiveActivityUpdateResolvers, LivePointResolvers } from '../generated/resolvers-types.js';

export const LiveActivityUpdate: LiveActivityUpdateResolvers = {
  at: (update) => new Date(update.at),
  // A reference the activity subgraph fills in (title, sport, athlete). The live feed checked this event
  // against its audience (or the gateway does, fanning it out), and every subgraph's reference resolver
  // checks it again; a check here would read loaders cached for the subscription's whole life.
  activity: (update) => ({ id: update.activityId }),
};

export const LivePoint: LivePointResolvers = {
  time: (point) => new Date(point.time),
};
