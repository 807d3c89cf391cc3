import { activityStatuses, visibilities, type ActivityStatus, type Visibility } from '@pacegraph/activity-rules';
import type { EventBus } from './event-bus.js';

/**
 * What the activity subgraph announces on the event bus after each lifecycle
 * change it commits, for the services that act on it: telemetry archives a
 * completed track and drops a discarded one's fixes, and tells live watchers.
 */
export const activityStatusTopic = 'activity.status';

/** The same events, for one athlete's activities only: what a follower's "out now" view listens to. */
export const athleteActivityStatusTopic = (athleteId: string) => `athlete.${athleteId}.activity.status`;

/** An activity's status, as events carry it: the one list's type, under the name the events' readers know. */
export type ActivityStatusName = ActivityStatus;
/** An activity's visibility, as events carry it. */
export type VisibilityName = Visibility;

export interface ActivityStatusEvent {
  activityId: string;
  athleteId: string;
  status: ActivityStatusName;
  /** When the change was committed, ISO-8601. */
  at: string;
  /** The activity's visibility after the change (completing may set it). */
  visibility: VisibilityName;
  /** ISO-8601; null before it started. */
  startedAt: string | null;
  /**
   * The device's stop time, ISO-8601; null before the stop. Optional: instances
   * from before it was added do not send it.
   */
  endedAt?: string | null;
  /** The device's time of a timed transition (start, pause, resume, stop), ISO-8601. Optional, as `endedAt`. */
  transitionAt?: string;
  /**
   * The status it left (ACTIVE after NOT_STARTED is a start, after PAUSED a
   * resume). Optional: instances from before it was added do not send it.
   */
  previousStatus?: ActivityStatusName;
}

/** Announces a status change on both topics: everyone's and the athlete's own. */
export async function publishActivityStatus(bus: EventBus, event: ActivityStatusEvent): Promise<void> {
  await Promise.all([bus.publish(activityStatusTopic, event), bus.publish(athleteActivityStatusTopic(event.athleteId), event)]);
}

const statuses = new Set<string>(activityStatuses);
const visibilityNames = new Set<string>(visibilities);

/** Whether a bus message is an {@link ActivityStatusEvent} (messages cross processes, so they are checked). */
export function isActivityStatusEvent(message: unknown): message is ActivityStatusEvent {
  if (typeof message !== 'object' || message === null) return false;
  const event = message as Record<string, unknown>;
  return (
    typeof event.activityId === 'string' &&
    typeof event.athleteId === 'string' &&
    typeof event.at === 'string' &&
    typeof event.status === 'string' &&
    statuses.has(event.status) &&
    (event.previousStatus === undefined || (typeof event.previousStatus === 'string' && statuses.has(event.previousStatus))) &&
    typeof event.visibility === 'string' &&
    visibilityNames.has(event.visibility) &&
    (event.startedAt === null || typeof event.startedAt === 'string') &&
    (event.endedAt === undefined || event.endedAt === null || typeof event.endedAt === 'string') &&
    (event.transitionAt === undefined || typeof event.transitionAt === 'string')
  );
}
