/**
 * What the activity subgraph announces on the event bus after each lifecycle
 * change it commits, for the services that act on it: telemetry archives a
 * completed track and drops a discarded one's fixes.
 */
export const activityStatusTopic = 'activity.status';

export type ActivityStatusName = 'NOT_STARTED' | 'ACTIVE' | 'PAUSED' | 'STOPPED' | 'COMPLETED' | 'DISCARDED';

export interface ActivityStatusEvent {
  activityId: string;
  athleteId: string;
  status: ActivityStatusName;
  /** When the change was committed, ISO-8601. */
  at: string;
}

const statuses = new Set<string>(['NOT_STARTED', 'ACTIVE', 'PAUSED', 'STOPPED', 'COMPLETED', 'DISCARDED']);

/** Whether a bus message is an {@link ActivityStatusEvent} (messages cross processes, so they are checked). */
export function isActivityStatusEvent(message: unknown): message is ActivityStatusEvent {
  if (typeof message !== 'object' || message === null) return false;
  const event = message as Record<string, unknown>;
  return (
    typeof event.activityId === 'string' &&
    typeof event.athleteId === 'string' &&
    typeof event.at === 'string' &&
    typeof event.status === 'string' &&
    statuses.has(event.status)
  );
}
