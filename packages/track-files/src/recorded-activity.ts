import type { Sport } from '@pacegraph/activity-rules';
import { cleanTrackPointValues, type DroppedTrackPointValue, type Pause, type TrackPoint } from '@pacegraph/track-math';

/** An activity as a device file records it. */
export interface RecordedActivity {
  /** The sport the file names; null when it names none. */
  sport: Sport | null;
  points: TrackPoint[];
  /** Timer stops written in the file (FIT), or breaks between GPX track segments. */
  pauses: Pause[];
  startedAt: Date;
  endedAt: Date;
  /** The distance the device itself wrote into the file, when it did. */
  statedDistanceMeters: number | null;
  /** The total ascent the device wrote into the file (FIT session `total_ascent`), when it did. */
  statedAscentMeters: number | null;
  /** The moving time the device wrote (FIT session `total_moving_time`, OpenTracks' `MovingTime`), when it did. */
  statedMovingTimeSeconds: number | null;
  /** The time its timer ran (FIT session `total_timer_time`, OpenTracks' `TimerTime`): moving time where it auto-paused. */
  statedTimerTimeSeconds: number | null;
  /** Readings the file holds that cannot be (a heart rate of 400): left out of their fixes, which are kept. */
  droppedValues: DroppedTrackPointValue[];
}

const sportNames: Record<string, Sport> = {
  running: 'RUN',
  run: 'RUN',
  cycling: 'RIDE',
  biking: 'RIDE',
  ride: 'RIDE',
  walking: 'WALK',
  walk: 'WALK',
  hiking: 'HIKE',
  hike: 'HIKE',
};

/** A sport as devices name it ("running", "Biking"), or null. */
export function sportNamed(name: string | undefined | null): Sport | null {
  return (name && sportNames[name.toLowerCase()]) || null;
}

/** Start and end from the first and last fix, when the file states none. */
export function spanOf(points: TrackPoint[]): { startedAt: Date; endedAt: Date } {
  const times = points.map((point) => point.time.getTime());
  return { startedAt: new Date(Math.min(...times)), endedAt: new Date(Math.max(...times)) };
}

/**
 * A fix as read from a file, its readings through the rule a recorded fix goes
 * through: a 0 heart rate or cadence is no reading, an impossible one is left
 * out (and noted in `dropped`), the fix is kept.
 */
export function fileFix(point: TrackPoint, dropped: DroppedTrackPointValue[]): TrackPoint {
  const cleaned = cleanTrackPointValues(point);
  dropped.push(...cleaned.dropped);
  return cleaned.point;
}
