import type { Pause, Sport, TrackPoint } from '@pacegraph/track-math';

/** The statuses in which an activity takes fixes. */
export const recordingStatuses: readonly string[] = ['ACTIVE', 'PAUSED', 'STOPPED'];

/** What stats are computed from: the activity's timing, its fixes and its explicit pauses. */
export interface RecordedActivity {
  sport: Sport;
  status: string;
  startedAt: Date | null;
  endedAt: Date | null;
  points: TrackPoint[];
  pauses: Pause[];
}

/** A lifecycle event as the activity subgraph logs it. */
export interface LifecycleEvent {
  kind: string;
  at: Date;
}

/**
 * The explicit pauses in an activity's event log (ordered by seq): each PAUSE
 * to the RESUME after it. A pause still open runs to the stop, or while
 * paused, to `now`.
 */
export function pausesOf(events: LifecycleEvent[], endedAt: Date | null, now = new Date()): Pause[] {
  const pauses: Pause[] = [];
  let pausedAt: Date | null = null;
  for (const event of events) {
    if (event.kind === 'PAUSE') pausedAt = event.at;
    if (event.kind === 'RESUME' && pausedAt) {
      pauses.push({ from: pausedAt, to: event.at });
      pausedAt = null;
    }
  }
  if (pausedAt) pauses.push({ from: pausedAt, to: endedAt ?? now });
  return pauses;
}

/** Fixes from the archive and the hot table together, one per seq, in seq order. */
export function mergedBySeq(...sources: TrackPoint[][]): TrackPoint[] {
  const bySeq = new Map<number, TrackPoint>();
  for (const source of sources) for (const point of source) bySeq.set(point.seq, point);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
