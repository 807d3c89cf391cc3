import type { Sport } from '@pacegraph/activity-rules';
import { distanceMeters } from './geodesy.js';
import { impossibleSpeedMps } from './sports.js';
import type { TrackPoint } from './track-point.js';

/** Why a fix was refused. Stable codes clients can act on. */
export type TrackPointRejection =
  | 'INVALID_COORDINATES'
  | 'NULL_ISLAND'
  | 'TIME_IN_FUTURE'
  | 'TIME_BEFORE_START'
  | 'INVALID_VALUE'
  | 'CONFLICTING_DUPLICATE'
  | 'IMPOSSIBLE_SPEED';

export interface RejectedTrackPoint {
  seq: number;
  reason: TrackPointRejection;
  message: string;
}

/** How far ahead of the server's clock a fix may be. @default 5 minutes */
export const maxFixClockSkewMs = 5 * 60_000;

/**
 * Checks a fix on its own: coordinates, time against the activity's start and
 * the server's clock, and its seq. Null when it is fine. Its optional readings
 * are `cleanTrackPointValues`' to judge: a bad one costs the reading, not the fix.
 */
export function checkTrackPoint(point: TrackPoint, context: { startedAt: Date; now: Date }): Omit<RejectedTrackPoint, 'seq'> | null {
  const { lat, lon } = point;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    return { reason: 'INVALID_COORDINATES', message: `(${lat}, ${lon}) is not a position on the earth` };
  }
  if (lat === 0 && lon === 0) {
    return { reason: 'NULL_ISLAND', message: '(0, 0) is what a phone sends without a fix' };
  }
  const time = point.time.getTime();
  if (time > context.now.getTime() + maxFixClockSkewMs) {
    return { reason: 'TIME_IN_FUTURE', message: `${point.time.toISOString()} is in the future` };
  }
  if (time < context.startedAt.getTime()) {
    return { reason: 'TIME_BEFORE_START', message: `${point.time.toISOString()} is before the activity started` };
  }
  return point.seq < 0 ? { reason: 'INVALID_VALUE', message: 'seq must not be negative' } : null;
}

/**
 * The new fixes that are speed spikes: reaching them from the fix before AND
 * leaving to the fix after (by time, among `known` and `candidates`) would
 * take an impossible speed for the sport. A fix with a neighbour on one side
 * only is kept, since it cannot be told from a glitch in that neighbour; the
 * stats' outlier filter deals with what remains.
 */
export function findSpeedSpikes(candidates: TrackPoint[], known: TrackPoint[], sport: Sport): Set<number> {
  const limit = impossibleSpeedMps[sport];
  const candidateSeqs = new Set(candidates.map((point) => point.seq));
  const timeline = [...known, ...candidates].sort((a, b) => a.time.getTime() - b.time.getTime() || a.seq - b.seq);
  const speed = (a: TrackPoint, b: TrackPoint) => {
    const seconds = Math.abs(b.time.getTime() - a.time.getTime()) / 1000;
    const meters = distanceMeters(a, b);
    return seconds === 0 ? (meters > limit ? Infinity : 0) : meters / seconds;
  };
  const spikes = new Set<number>();
  for (let index = 1; index < timeline.length - 1; index++) {
    const point = timeline[index]!;
    if (!candidateSeqs.has(point.seq)) continue;
    if (speed(timeline[index - 1]!, point) > limit && speed(point, timeline[index + 1]!) > limit) spikes.add(point.seq);
  }
  return spikes;
}
