import type { Sport } from '@pacegraph/activity-rules';
import type { Pause, TrackPoint } from '@pacegraph/track-math';

/** The formats PaceGraph reads and writes activity files in: the one list (the schema's `ActivityFileFormat` repeats it). */
export const activityFileFormats = ['GPX', 'TCX', 'FIT'] as const;
export type ActivityFileFormat = (typeof activityFileFormats)[number];

/** What a written activity file holds. */
export interface ActivityFileTrack {
  name: string;
  sport: Sport;
  points: readonly TrackPoint[];
  /** Each pause ends a stretch of fixes: a GPX track segment, a TCX track, a FIT timer stop and start. */
  pauses?: readonly Pause[];
  /** @default the first fix's time */
  startedAt?: Date;
  /** @default the last fix's time */
  endedAt?: Date;
}

/** The fixes in time order, in stretches: a new one after each pause that falls between two fixes. */
export function stretchesBetweenPauses(track: Pick<ActivityFileTrack, 'points' | 'pauses'>): TrackPoint[][] {
  const points = [...track.points].sort((a, b) => a.time.getTime() - b.time.getTime());
  const stretches: TrackPoint[][] = [[]];
  for (const point of points) {
    const current = stretches.at(-1)!;
    const previous = current.at(-1);
    const pausedBetween = previous && (track.pauses ?? []).some((pause) => pause.from >= previous.time && pause.to <= point.time);
    if (pausedBetween) stretches.push([point]);
    else current.push(point);
  }
  return stretches.filter((stretch) => stretch.length > 0);
}
