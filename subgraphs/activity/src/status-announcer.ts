import type { Activity } from '@pacegraph/db';
import { publishActivityStatus, type ActivityStatusEvent, type EventBus, type Logger } from '@pacegraph/service-kit';

/**
 * Tells the other services that an activity's status changed, once the change
 * is committed. A bus that fails does not undo or fail the change: telemetry
 * also archives a completed track the first time it reads it.
 */
export async function announceStatus(
  bus: EventBus,
  log: Logger,
  activity: Activity,
  previousStatus: Activity['status'],
  transitionAt?: Date,
): Promise<void> {
  const event: ActivityStatusEvent = {
    activityId: activity.id,
    athleteId: activity.athleteId,
    status: activity.status,
    at: activity.updatedAt.toISOString(),
    visibility: activity.visibility,
    startedAt: activity.startedAt?.toISOString() ?? null,
    endedAt: activity.endedAt?.toISOString() ?? null,
    ...(transitionAt ? { transitionAt: transitionAt.toISOString() } : {}),
    previousStatus,
  };
  try {
    await publishActivityStatus(bus, event);
  } catch (error) {
    log.warn({ err: error, activityId: activity.id, status: activity.status }, 'could not announce a status change');
  }
}
