import type { Activity } from '@pacegraph/db';

/**
 * Whether `viewerId` may see `activity`. The athlete always may; others see
 * EVERYONE activities that were not discarded. FOLLOWERS opens to followers
 * once follows exist (the social issue); until then it is as private as ONLY_ME.
 */
export function canView(activity: Pick<Activity, 'athleteId' | 'visibility' | 'status'>, viewerId: string | null): boolean {
  if (viewerId !== null && activity.athleteId === viewerId) return true;
  if (activity.status === 'DISCARDED') return false;
  return activity.visibility === 'EVERYONE';
}
