import { ActivityReason, type Sport, type Visibility } from '@pacegraph/activity-rules';
import { isForeignKeyViolation, isUniqueViolation, type Activity, type PrismaClient } from '@pacegraph/db';
import { ConflictError, ForbiddenError, NotFoundError, accountDeletedError, isUuid, requireViewer } from '@pacegraph/service-kit';
import { activityClientId, activityTitle } from './domain/activity-rules.js';
import { decideTransition, transitionChanges, type Completion, type Transition } from './domain/lifecycle.js';
import { activityByClientId, activityById, insertActivity, storeTransition } from './store/activities.js';
import { lastActivityEvent } from './store/activity-events.js';

/**
 * Creates an activity owned by the viewer. With a clientId, creating again
 * (a retry after a lost response) answers with the activity made the first time.
 */
export async function createActivity(
  prisma: PrismaClient,
  viewerId: string | null,
  input: { sport: Sport; title?: string | null; visibility?: Visibility | null; clientId?: string | null },
): Promise<Activity> {
  const athleteId = requireViewer(viewerId, 'record activities');
  const clientId = activityClientId(input.clientId);
  const activity = {
    athleteId,
    clientId,
    sport: input.sport,
    title: activityTitle(input.sport, input.title),
    visibility: input.visibility ?? 'EVERYONE',
  };
  try {
    return await insertActivity(prisma, activity);
  } catch (error) {
    // The only reference is the athlete: the token outlived its account.
    if (isForeignKeyViolation(error)) throw accountDeletedError();
    if (!clientId || !isUniqueViolation(error)) throw error;
    return activityByClientId(prisma, athleteId, clientId);
  }
}

export interface TransitionRequest {
  transition: Transition;
  /** Device time, for start/pause/resume/stop. */
  at?: Date | null;
  /** What completeActivity may change while it saves. */
  completion?: Completion | null;
  now?: Date;
}

/**
 * The athlete's activity `id`, to change: NOT_FOUND when there is none,
 * FORBIDDEN when it is someone else's.
 */
export async function ownActivity(prisma: PrismaClient, athleteId: string, id: string): Promise<Activity> {
  const activity = isUuid(id) ? await activityById(prisma, id.toLowerCase()) : null;
  if (!activity) throw new NotFoundError(ActivityReason.NotFound, 'No such activity');
  if (activity.athleteId !== athleteId) {
    throw new ForbiddenError(ActivityReason.NotOwner, "Only the activity's athlete may change it");
  }
  return activity;
}

/** How often a transition is decided again when another request changed the activity meanwhile. */
export const maxAttempts = 3;

export interface TransitionOutcome {
  activity: Activity;
  /** False when the request repeated a transition already made (a retry). */
  changed: boolean;
  /** The status the activity had before. */
  previousStatus: Activity['status'];
  /** The device's time of a timed transition (start, pause, resume, stop) that changed something. */
  transitionAt?: Date;
}

/**
 * Moves the viewer's activity through its lifecycle: decides with the state
 * machine, then stores the new status, its times and the event log entry in
 * one transaction, guarded on the status it decided from (two racing requests
 * cannot both win). NOT_FOUND, FORBIDDEN for someone else's activity, CONFLICT
 * for an illegal transition.
 */
export async function transitionActivity(
  prisma: PrismaClient,
  viewerId: string | null,
  id: string,
  request: TransitionRequest,
): Promise<TransitionOutcome> {
  const athleteId = requireViewer(viewerId, 'record activities');
  for (let attempt = 1; ; attempt++) {
    const activity = await ownActivity(prisma, athleteId, id);
    const lastEvent = await lastActivityEvent(prisma, activity.id);
    const decision = decideTransition(activity.status, request.transition, {
      at: request.at ?? undefined,
      lastEvent,
      now: request.now ?? new Date(),
    });
    if (decision.kind === 'replay') return { activity, changed: false, previousStatus: activity.status };

    const { event } = decision;
    const logEntry = event ? { activityId: activity.id, seq: (lastEvent?.seq ?? 0) + 1, ...event } : undefined;
    const changes = transitionChanges(decision, activity.sport, request.completion);
    const updated = await storeTransition(prisma, activity.id, activity.status, changes, logEntry);
    if (updated) {
      return { activity: updated, changed: true, previousStatus: activity.status, ...(event ? { transitionAt: event.at } : {}) };
    }
    if (attempt === maxAttempts) {
      throw new ConflictError(ActivityReason.ConcurrentChange, 'The activity changed while this request ran; try again');
    }
  }
}
