import type { PrismaClient } from '@pacegraph/db';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  isUuid,
  requireViewer,
} from '@pacegraph/service-kit';
import {
  checkTrackPoint,
  findSpeedSpikes,
  maxPointsPerCall,
  recordingStatuses,
  sameTrackPoint,
  type RejectedTrackPoint,
  type TrackPoint,
} from '@pacegraph/track-math';
import type { RecordingActivities, RecordingActivity } from './recording-activities.js';
import { insertTrackPoints, storedPointsBySeq, storedPointsNear } from './track-point-store.js';

export interface RecordTrackPointsResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedTrackPoint[];
  /** The activity, and the fixes this call stored (for the live feed; not part of the GraphQL result). */
  activity: RecordingActivity;
  storedPoints: TrackPoint[];
}

/**
 * Stores a batch of fixes of the viewer's recording activity. Each fix is
 * checked on its own, against the stored fix with its seq (same data: a
 * duplicate; other data: refused), and against its neighbours for an
 * impossible speed. A refused fix never costs the valid ones beside it.
 *
 * A batch costs two statements once its activity is known to this instance:
 * one read of the stored fixes around its seqs, one insert.
 */
export async function recordTrackPoints(
  prisma: PrismaClient,
  activities: RecordingActivities,
  viewerId: string | null,
  activityId: string,
  points: TrackPoint[],
  now = new Date(),
): Promise<RecordTrackPointsResult> {
  const athleteId = requireViewer(viewerId, 'record activities');
  if (points.length > maxPointsPerCall) {
    throw new BadUserInputError(
      'TRACK.BATCH_TOO_LARGE',
      `A call may carry at most ${maxPointsPerCall} points; this one has ${points.length}`,
      'points',
    );
  }
  const { activity, status } = isUuid(activityId) ? await activities.lookup(activityId.toLowerCase()) : { activity: null, status: null };
  if (!activity) throw new NotFoundError('ACTIVITY.NOT_FOUND', 'No such activity');
  if (activity.athleteId !== athleteId) {
    throw new ForbiddenError('ACTIVITY.NOT_OWNER', "Only the activity's athlete may record its points");
  }
  // Read now, the status is checked now; remembered, it is checked by the insert.
  if ((status && !recordingStatuses.includes(status)) || !activity.startedAt) throw notRecording(status ?? 'NOT_STARTED');
  const { startedAt } = activity;

  const rejected: RejectedTrackPoint[] = [];
  let duplicates = 0;
  // 1. Each fix on its own, and seqs repeated within the call.
  const candidates = new Map<number, TrackPoint>();
  for (const point of points) {
    const problem = checkTrackPoint(point, { startedAt, now });
    if (problem) {
      rejected.push({ seq: point.seq, ...problem });
      continue;
    }
    const earlier = candidates.get(point.seq);
    if (!earlier) candidates.set(point.seq, point);
    else if (sameTrackPoint(earlier, point)) duplicates++;
    else rejected.push(conflict(point.seq, 'twice in this call with different data'));
  }
  if (candidates.size > 0) {
    const stored = await storedPointsNear(prisma, activity.id, [...candidates.keys()]);
    // 2. Against what is stored with the same seq.
    for (const point of stored) {
      const candidate = candidates.get(point.seq);
      if (!candidate) continue;
      candidates.delete(point.seq);
      if (sameTrackPoint(point, candidate)) duplicates++;
      else rejected.push(conflict(point.seq, 'already stored with different data'));
    }
    // 3. Against the neighbours.
    for (const seq of findSpeedSpikes([...candidates.values()], stored, activity.sport)) {
      candidates.delete(seq);
      rejected.push({
        seq,
        reason: 'IMPOSSIBLE_SPEED',
        message: `Reaching and leaving this point would take more than a ${activity.sport.toLowerCase()} can go`,
      });
    }
  }
  // 4. Store; a seq a racing call stored first is a duplicate or a conflict like any other.
  const toStore = [...candidates.values()];
  const inserted = await insertTrackPoints(prisma, activity.id, toStore);
  // Completed or discarded meanwhile: nothing of this call was stored.
  if ('notRecording' in inserted) throw notRecording(inserted.notRecording);
  const { stored } = inserted;
  const raced = toStore.filter((point) => !stored.has(point.seq));
  if (raced.length > 0) {
    const winners = new Map((await storedPointsBySeq(prisma, activity.id, raced.map((point) => point.seq))).map((point) => [point.seq, point]));
    for (const point of raced) {
      if (sameTrackPoint(winners.get(point.seq)!, point)) duplicates++;
      else rejected.push(conflict(point.seq, 'stored meanwhile with different data'));
    }
  }
  rejected.sort((a, b) => a.seq - b.seq);
  const storedPoints = toStore.filter((point) => stored.has(point.seq));
  return { accepted: stored.size, duplicates, rejected, activity, storedPoints };
}

function notRecording(status: string): ConflictError {
  return new ConflictError(
    'TRACK.NOT_RECORDING',
    `Points can be recorded for an ACTIVE, PAUSED or STOPPED activity; this one is ${status}`,
  );
}

function conflict(seq: number, how: string): RejectedTrackPoint {
  return { seq, reason: 'CONFLICTING_DUPLICATE', message: `seq ${seq} was sent ${how}` };
}
