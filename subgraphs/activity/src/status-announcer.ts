import type { Activity } from '@pacegraph/db';
import { publishActivityStatus, type ActivityStatusEvent, type EventBus, type Logger } from '@pacegraph/service-kit';

/**
 * Tells the other services that an activity's status changed, once the change
 * is committed. A bus that fails does not undo or fail the change: telemetry
 * also archives a completed track the first time it reads it.
 *
 * An edit of an activity not yet saved is announced the same way, with the
 * status it has (`previousStatus` equal to it): live watchers learn its new
 * audience from it, while nothing takes it for a transition.
 */
export async function announceStatus(
  bus: EventBus,
  log: Logger,
  activity: Activity,
  previousStatus: Activity['status'],
  transitionAt?: Date,
): Promise<void> {
  await announce(log, bus, {
    ...eventOf(activity),
    ...(transitionAt ? { transitionAt: transitionAt.toISOString() } : {}),
    previousStatus,
  });
}

/**
 * Tells the other services that an activity was deleted, when it had not
 * ended: it is announced discarded (live watchers' streams end, telemetry
 * forgets its live track, followers' "out now" views hear that it ended).
 * A saved or discarded activity has nobody listening: nothing is announced.
 */
export async function announceDeletion(bus: EventBus, log: Logger, deleted: Activity): Promise<void> {
  if (deleted.status === 'COMPLETED' || deleted.status === 'DISCARDED') return;
  await announce(log, bus, { ...eventOf(deleted), status: 'DISCARDED', at: new Date().toISOString(), previousStatus: deleted.status });
}

function eventOf(activity: Activity): ActivityStatusEvent {
  return {
    activityId: activity.id,
    athleteId: activity.athleteId,
    status: activity.status,
    at: activity.updatedAt.toISOString(),
    visibility: activity.visibility,
    startedAt: activity.startedAt?.toISOString() ?? null,
    endedAt: activity.endedAt?.toISOString() ?? null,
  };
}

async function announce(log: Logger, bus: EventBus, event: ActivityStatusEvent): Promise<void> {
  try {
    await publishActivityStatus(bus, event);
  } catch (error) {
    log.warn({ err: error, activityId: event.activityId, status: event.status }, 'could not announce a status change');
  }
}
