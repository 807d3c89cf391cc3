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
  sameTrackPoint,
  type RejectedTrackPoint,
  type Sport,
  type TrackPoint,
} from '@pacegraph/track-math';
import { insertTrackPoints, storedPointsAround, storedPointsBySeq } from './track-point-store.js';

/** Fixes one call may carry; a phone catching up after hours offline sends several calls. @default 1,000 */
export const maxPointsPerCall = 1000;

const recordingStatuses = new Set(['ACTIVE', 'PAUSED', 'STOPPED']);

export interface RecordTrackPointsResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedTrackPoint[];
}

/**
 * Stores a batch of fixes of the viewer's recording activity. Each fix is
 * checked on its own, against the stored fix with its seq (same data: a
 * duplicate; other data: refused), and against its neighbours in time for an
 * impossible speed. A refused fix never costs the valid ones beside it.
 */
export async function recordTrackPoints(
  prisma: PrismaClient,
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
  const activity = isUuid(activityId)
    ? await prisma.activity.findUnique({
        where: { id: activityId.toLowerCase() },
        select: { id: true, athleteId: true, status: true, sport: true, startedAt: true },
      })
    : null;
  if (!activity) throw new NotFoundError('ACTIVITY.NOT_FOUND', 'No such activity');
  if (activity.athleteId !== athleteId) {
    throw new ForbiddenError('ACTIVITY.NOT_OWNER', "Only the activity's athlete may record its points");
  }
  if (!recordingStatuses.has(activity.status) || !activity.startedAt) {
    throw new ConflictError(
      'TRACK.NOT_RECORDING',
      `Points can be recorded for an ACTIVE, PAUSED or STOPPED activity; this one is ${activity.status}`,
    );
  }

  const rejected: RejectedTrackPoint[] = [];
  let duplicates = 0;
  // 1. Each fix on its own, and seqs repeated within the call.
  const candidates = new Map<number, TrackPoint>();
  for (const point of points) {
    const problem = checkTrackPoint(point, { startedAt: activity.startedAt, now });
    if (problem) {
      rejected.push({ seq: point.seq, ...problem });
      continue;
    }
    const earlier = candidates.get(point.seq);
    if (!earlier) candidates.set(point.seq, point);
    else if (sameTrackPoint(earlier, point)) duplicates++;
    else rejected.push(conflict(point.seq, 'twice in this call with different data'));
  }
  // 2. Against what is stored with the same seq.
  for (const stored of await storedPointsBySeq(prisma, activity.id, [...candidates.keys()])) {
    const candidate = candidates.get(stored.seq)!;
    candidates.delete(stored.seq);
    if (sameTrackPoint(stored, candidate)) duplicates++;
    else rejected.push(conflict(stored.seq, 'already stored with different data'));
  }
  // 3. Against the neighbours in time.
  const fresh = [...candidates.values()];
  if (fresh.length > 0) {
    const times = fresh.map((point) => point.time.getTime());
    const neighbours = await storedPointsAround(
      prisma,
      activity.id,
      new Date(Math.min(...times)),
      new Date(Math.max(...times)),
    );
    for (const seq of findSpeedSpikes(fresh, neighbours, activity.sport as Sport)) {
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
  const stored = await insertTrackPoints(prisma, activity.id, toStore);
  const raced = toStore.filter((point) => !stored.has(point.seq));
  if (raced.length > 0) {
    const winners = new Map((await storedPointsBySeq(prisma, activity.id, raced.map((point) => point.seq))).map((point) => [point.seq, point]));
    for (const point of raced) {
      if (sameTrackPoint(winners.get(point.seq)!, point)) duplicates++;
      else rejected.push(conflict(point.seq, 'stored meanwhile with different data'));
    }
  }
  rejected.sort((a, b) => a.seq - b.seq);
  return { accepted: stored.size, duplicates, rejected };
}

function conflict(seq: number, how: string): RejectedTrackPoint {
  return { seq, reason: 'CONFLICTING_DUPLICATE', message: `seq ${seq} was sent ${how}` };
}
