import { visibilities } from '@pacegraph/activity-rules';
import type { ActivityStatusName, VisibilityName } from './activity-status-event.js';

/** What deciding who may see an activity takes. */
export interface ActivityAudience {
  athleteId: string;
  visibility: VisibilityName;
  status: ActivityStatusName;
}

/** How a viewer stands to an activity's athlete: the athlete, a follower, or anyone else (signed in or not). */
export type AthleteRelation = 'ATHLETE' | 'FOLLOWER' | 'OTHER';

/** The relation of `viewerId` to `athleteId`, given whether the viewer follows the athlete. */
export function athleteRelation(athleteId: string, viewerId: string | null, viewerFollowsAthlete: boolean): AthleteRelation {
  if (viewerId !== null && athleteId === viewerId) return 'ATHLETE';
  return viewerId !== null && viewerFollowsAthlete ? 'FOLLOWER' : 'OTHER';
}

const seenBy: Record<AthleteRelation, readonly VisibilityName[]> = {
  ATHLETE: visibilities,
  FOLLOWER: ['EVERYONE', 'FOLLOWERS'],
  OTHER: ['EVERYONE'],
};

/**
 * The visibilities a viewer with `relation` may see: the one policy for
 * reading an activity, watching it live, listing it (feed, history, totals)
 * and acting on it (kudos, comments). Queries filter with this list; single
 * activities go through {@link canViewActivity}, which uses it too.
 */
export function visibilitiesSeenBy(relation: AthleteRelation): readonly VisibilityName[] {
  return seenBy[relation];
}

/**
 * Whether a viewer with `relation` to its athlete may see an activity. The
 * athlete always may; others see what its visibility opens to them, never
 * once it was discarded.
 */
export function canViewActivity(activity: ActivityAudience, relation: AthleteRelation): boolean {
  if (relation === 'ATHLETE') return true;
  if (activity.status === 'DISCARDED') return false;
  return visibilitiesSeenBy(relation).includes(activity.visibility);
}

/**
 * Whether following its athlete changes who may see the activity: only then
 * does a check of someone else need the viewer's follows.
 */
export function followingMatters(activity: ActivityAudience): boolean {
  return canViewActivity(activity, 'FOLLOWER') !== canViewActivity(activity, 'OTHER');
}

/** Whether a value (from another process) is an {@link ActivityAudience}. */
export function isActivityAudience(value: unknown): value is ActivityAudience {
  if (typeof value !== 'object' || value === null) return false;
  const audience = value as Record<string, unknown>;
  return typeof audience.athleteId === 'string' && typeof audience.visibility === 'string' && typeof audience.status === 'string';
}
