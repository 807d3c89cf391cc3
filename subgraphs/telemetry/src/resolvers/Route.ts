import { isInAnyPrivacyZone } from '@pacegraph/track-math';
import type { RouteResolvers } from '../generated/resolvers-types.js';
import type { Loaders } from '../loaders.js';

const lastFixOf = async (activityId: string, loaders: Loaders) =>
  (await loaders.recordingByActivity.load(activityId))?.points.at(-1) ?? null;

export const Route: RouteResolvers = {
  lastFixAt: async ({ activityId }, _, { loaders }) => (await lastFixOf(activityId, loaders))?.time ?? null,
  // The rule the live stream applies to each position (see the live feed), so the two agree on where the line breaks.
  endsHidden: async ({ activityId, cutAtZones }, _, { loaders }) => {
    if (!cutAtZones) return false;
    const [lastFix, activity] = await Promise.all([lastFixOf(activityId, loaders), loaders.activityById.load(activityId)]);
    if (!lastFix || !activity) return false;
    return isInAnyPrivacyZone(lastFix, await loaders.privacyZonesByAthlete.load(activity.athleteId));
  },
};
