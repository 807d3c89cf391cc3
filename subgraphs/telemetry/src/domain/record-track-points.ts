import { maxPointsPerCall, recordingStatuses, type Sport } from '@pacegraph/activity-rules';
import { BadUserInputError, ConflictError } from '@pacegraph/service-kit';
import {
  checkTrackPoint,
  cleanTrackPointValues,
  findSpeedSpikes,
  sameTrackPoint,
  type DroppedTrackPointValue,
  type RejectedTrackPoint,
  type TrackPoint,
} from '@pacegraph/track-math';
import { TelemetryReason } from './reasons.js';

/**
 * A batch of fixes as it is checked: those still to be stored (by seq, their
 * impossible readings left out), those refused, and how many were sent before
 * with the same data.
 */
export interface BatchScreening {
  candidates: Map<number, TrackPoint>;
  rejected: RejectedTrackPoint[];
  duplicates: number;
  /** The readings left out of the candidates (by seq). */
  droppedValues: Map<number, DroppedTrackPointValue[]>;
}

/** Refuses a call with more fixes than one may carry. */
export function checkBatchSize(points: readonly TrackPoint[]): void {
  if (points.length > maxPointsPerCall) {
    throw new BadUserInputError(
      TelemetryReason.BatchTooLarge,
      `A call may carry at most ${maxPointsPerCall} points; this one has ${points.length}`,
      'points',
    );
  }
}

/**
 * 1. Each fix on its own (a reading that cannot be is left out, the fix kept),
 * and seqs repeated within the call.
 */
export function screenEachPoint(points: readonly TrackPoint[], bounds: { startedAt: Date; now: Date }): BatchScreening {
  const screening: BatchScreening = { candidates: new Map(), rejected: [], duplicates: 0, droppedValues: new Map() };
  const { candidates, rejected, droppedValues } = screening;
  for (const sent of points) {
    const problem = checkTrackPoint(sent, bounds);
    if (problem) {
      rejected.push({ seq: sent.seq, ...problem });
      continue;
    }
    const { point, dropped } = cleanTrackPointValues(sent);
    const earlier = candidates.get(point.seq);
    if (!earlier) {
      candidates.set(point.seq, point);
      if (dropped.length > 0) droppedValues.set(point.seq, dropped);
    } else if (sameTrackPoint(earlier, point)) screening.duplicates++;
    else rejected.push(conflict(point.seq, 'twice in this call with different data'));
  }
  return screening;
}

/**
 * 2. Against what is stored with the same seq; 3. against the neighbours, for
 * a speed the sport cannot reach. `stored`: the stored fixes around the
 * candidates' seqs.
 */
export function screenAgainstStored(screening: BatchScreening, stored: readonly TrackPoint[], sport: Sport): BatchScreening {
  const candidates = new Map(screening.candidates);
  const rejected = [...screening.rejected];
  let { duplicates } = screening;
  for (const point of stored) {
    const candidate = candidates.get(point.seq);
    if (!candidate) continue;
    candidates.delete(point.seq);
    if (sameTrackPoint(point, candidate)) duplicates++;
    else rejected.push(conflict(point.seq, 'already stored with different data'));
  }
  for (const seq of findSpeedSpikes([...candidates.values()], [...stored], sport)) {
    candidates.delete(seq);
    rejected.push({
      seq,
      reason: 'IMPOSSIBLE_SPEED',
      message: `Reaching and leaving this point would take more than a ${sport.toLowerCase()} can go`,
    });
  }
  return { candidates, rejected, duplicates, droppedValues: screening.droppedValues };
}

/**
 * 4. After the insert: what a racing call stored first (`winners`, by seq) is
 * a duplicate or a conflict like any other. The refused fixes come out in seq order.
 */
export function screenRaced(
  screening: Pick<BatchScreening, 'rejected' | 'duplicates'>,
  raced: readonly TrackPoint[],
  winners: ReadonlyMap<number, TrackPoint>,
): Pick<BatchScreening, 'rejected' | 'duplicates'> {
  const rejected = [...screening.rejected];
  let { duplicates } = screening;
  for (const point of raced) {
    if (sameTrackPoint(winners.get(point.seq)!, point)) duplicates++;
    else rejected.push(conflict(point.seq, 'stored meanwhile with different data'));
  }
  rejected.sort((a, b) => a.seq - b.seq);
  return { rejected, duplicates };
}

/**
 * Why an insert that stored nothing stored nothing: the activity's status when
 * it takes no fixes (DELETED when it is gone; `status` undefined), or null
 * while it records (then every seq had been stored by a racing call).
 */
export function statusUnlessRecording(status: string | undefined): string | null {
  if (status === undefined) return 'DELETED';
  return recordingStatuses.includes(status) ? null : status;
}

/** A batch sent for an activity that takes no fixes in its status. */
export function notRecording(status: string): ConflictError {
  return new ConflictError(
    TelemetryReason.NotRecording,
    `Points can be recorded for an ACTIVE, PAUSED or STOPPED activity; this one is ${status}`,
  );
}

/** The readings left out of the fixes that were stored, in seq order. */
export function droppedFromStored(screening: Pick<BatchScreening, 'droppedValues'>, stored: ReadonlySet<number>): DroppedTrackPointValue[] {
  return [...screening.droppedValues]
    .filter(([seq]) => stored.has(seq))
    .sort(([a], [b]) => a - b)
    .flatMap(([, dropped]) => dropped);
}

function conflict(seq: number, how: string): RejectedTrackPoint {
  return { seq, reason: 'CONFLICTING_DUPLICATE', message: `seq ${seq} was sent ${how}` };
}
