import type { ActivityStatusName, VisibilityName } from './activity-status-event.js';

/** What deciding who may see an activity takes. */
export interface ActivityAudience {
  athleteId: string;
  visibility: VisibilityName;
  status: ActivityStatusName;
}

/**
 * Whether `viewerId` may see an activity: the one policy for reading it,
 * watching it live and resolving it through the gateway. The athlete always
 * may; others see EVERYONE activities that were not discarded. FOLLOWERS
 * opens to followers once follows exist (the social issue); until then it is
 * as private as ONLY_ME.
 */
export function canViewActivity(activity: ActivityAudience, viewerId: string | null): boolean {
  if (viewerId !== null && activity.athleteId === viewerId) return true;
  if (activity.status === 'DISCARDED') return false;
  return activity.visibility === 'EVERYONE';
}

/** Whether a value (from another process) is an {@link ActivityAudience}. */
export function isActivityAudience(value: unknown): value is ActivityAudience {
  if (typeof value !== 'object' || value === null) return false;
  const audience = value as Record<string, unknown>;
  return typeof audience.athleteId === 'string' && typeof audience.visibility === 'string' && typeof audience.status === 'string';
}
