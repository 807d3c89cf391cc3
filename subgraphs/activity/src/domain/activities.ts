import { isForeignKeyViolation, isUniqueViolation, type Activity, type PrismaClient } from '@pacegraph/db';
import { ConflictError, ForbiddenError, NotFoundError, accountDeletedError, isUuid, requireViewer } from '@pacegraph/service-kit';
import { activityClientId, activityDescription, activityTitle, type Sport } from './activity-rules.js';
import { decideTransition, type Transition } from './lifecycle.js';

type Visibility = Activity['visibility'];

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
  const data = {
    athleteId,
    clientId,
    sport: input.sport,
    title: activityTitle(input.sport, input.title),
    visibility: input.visibility ?? 'EVERYONE',
  };
  try {
    return await prisma.activity.create({ data });
  } catch (error) {
    // The only reference is the athlete: the token outlived its account.
    if (isForeignKeyViolation(error)) throw accountDeletedError();
    if (!clientId || !isUniqueViolation(error)) throw error;
    return prisma.activity.findUniqueOrThrow({ where: { athleteId_clientId: { athleteId, clientId } } });
  }
}

export interface TransitionRequest {
  transition: Transition;
  /** Device time, for start/pause/resume/stop. */
  at?: Date | null;
  /** What completeActivity may change while it saves. */
  completion?: { title?: string | null; description?: string | null; visibility?: Visibility | null } | null;
  now?: Date;
}

/** How often a transition is decided again when another request changed the activity meanwhile. */
const maxAttempts = 3;

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
    const activity = isUuid(id) ? await prisma.activity.findUnique({ where: { id: id.toLowerCase() } }) : null;
    if (!activity) throw new NotFoundError('ACTIVITY.NOT_FOUND', 'No such activity');
    if (activity.athleteId !== athleteId) {
      throw new ForbiddenError('ACTIVITY.NOT_OWNER', "Only the activity's athlete may change it");
    }
    const lastEvent = await prisma.activityEvent.findFirst({
      where: { activityId: activity.id },
      orderBy: { seq: 'desc' },
    });
    const decision = decideTransition(activity.status, request.transition, {
      at: request.at ?? undefined,
      lastEvent,
      now: request.now ?? new Date(),
    });
    if (decision.kind === 'replay') return { activity, changed: false, previousStatus: activity.status };

    const { event } = decision;
    const changes = {
      status: decision.to,
      ...(event?.kind === 'START' ? { startedAt: event.at } : {}),
      ...(event?.kind === 'STOP' ? { endedAt: event.at } : {}),
      ...completionChanges(activity.sport, request.completion),
    };
    const updated = await prisma.$transaction(async (tx) => {
      const { count } = await tx.activity.updateMany({ where: { id: activity.id, status: activity.status }, data: changes });
      if (count === 0) return null;
      if (event) {
        await tx.activityEvent.create({
          data: { activityId: activity.id, seq: (lastEvent?.seq ?? 0) + 1, kind: event.kind, at: event.at },
        });
      }
      return tx.activity.findUniqueOrThrow({ where: { id: activity.id } });
    });
    if (updated) {
      return { activity: updated, changed: true, previousStatus: activity.status, ...(event ? { transitionAt: event.at } : {}) };
    }
    if (attempt === maxAttempts) {
      throw new ConflictError('ACTIVITY.CONCURRENT_CHANGE', 'The activity changed while this request ran; try again');
    }
  }
}

/** The title, description and visibility completeActivity sets; what it leaves out stays. */
function completionChanges(sport: Sport, completion: TransitionRequest['completion']) {
  if (!completion) return {};
  return {
    ...(completion.title != null ? { title: activityTitle(sport, completion.title) } : {}),
    ...(completion.description !== undefined ? { description: activityDescription(completion.description) } : {}),
    ...(completion.visibility ? { visibility: completion.visibility } : {}),
  };
}
