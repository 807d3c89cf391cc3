import { visibleActivityReference } from '@pacegraph/subgraph-host';
import type { LiveActivityUpdateResolvers, LivePointResolvers } from '../generated/resolvers-types.js';

export const LiveActivityUpdate: LiveActivityUpdateResolvers = {
  at: (update) => new Date(update.at),
  // A reference the activity subgraph fills in (title, sport, athlete); checked like every path to an activity.
  activity: (update, _, context) => visibleActivityReference(context, update.activityId),
};

export const LivePoint: LivePointResolvers = {
  time: (point) => new Date(point.time),
};
