import type { Sport } from '@pacegraph/activity-rules';
import type { Pause, TrackPoint } from '@pacegraph/track-math';

/** What stats are computed from: the activity's timing, its fixes and its explicit pauses. */
export interface RecordedActivity {
  id: string;
  athleteId: string;
  sport: Sport;
  status: string;
  startedAt: Date | null;
  endedAt: Date | null;
  points: TrackPoint[];
  pauses: Pause[];
}

/** Fixes from the archive and the hot table together, one per seq, in seq order. */
export function mergedBySeq(...sources: TrackPoint[][]): TrackPoint[] {
  const bySeq = new Map<number, TrackPoint>();
  for (const source of sources) for (const point of source) bySeq.set(point.seq, point);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
