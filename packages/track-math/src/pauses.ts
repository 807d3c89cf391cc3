import type { Pause } from './stats.js';

/** A timed lifecycle event, in the order the activity's log holds them. */
export interface LifecycleEvent {
  kind: string;
  at: Date;
}

/**
 * The explicit pauses in an activity's event log: each PAUSE to the RESUME
 * after it. A pause still open runs to the stop, or while paused, to `now`.
 */
export function pausesOf(events: readonly LifecycleEvent[], endedAt: Date | null, now = new Date()): Pause[] {
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

/** The activity's timer at `at`, as the athlete's stopwatch reads it: seconds since `startedAt`, less the pauses before then. */
export function timerSecondsAt(startedAt: Date, at: Date, pauses: readonly Pause[]): number {
  const paused = pauses.reduce(
    (seconds, pause) => seconds + Math.max(0, Math.min(pause.to.getTime(), at.getTime()) - pause.from.getTime()) / 1000,
    0,
  );
  return Math.max(0, (at.getTime() - startedAt.getTime()) / 1000 - paused);
}
