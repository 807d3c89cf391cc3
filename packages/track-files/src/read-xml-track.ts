import { XMLParser } from 'fast-xml-parser';
import type { DroppedTrackPointValue, Pause, TrackPoint } from '@pacegraph/track-math';
import { fileFix, spanOf, sportNamed, type RecordedActivity } from './recorded-activity.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: true,
  isArray: (name) => ['trk', 'trkseg', 'trkpt', 'Lap', 'Track', 'Trackpoint', 'Activity'].includes(name),
});

/** An XML value as the parser gives it: a number where the text reads as one. */
type XmlValue = string | number | undefined;

/** The parts of a GPX document PaceGraph reads (the parser gives plain objects; anything may be missing). */
interface GpxDocument {
  gpx?: {
    trk?: {
      type?: string;
      extensions?: { TrackStatsExtension?: { Distance?: XmlValue; TimerTime?: XmlValue; MovingTime?: XmlValue } };
      trkseg?: {
        trkpt?: {
          time?: string;
          lat: XmlValue;
          lon: XmlValue;
          ele?: XmlValue;
          extensions?: { TrackPointExtension?: { hr?: XmlValue; cad?: XmlValue } };
        }[];
      }[];
    }[];
  };
}

/** The parts of a TCX document PaceGraph reads. */
interface TcxDocument {
  TrainingCenterDatabase?: {
    Activities?: {
      Activity?: {
        Sport?: string;
        Lap?: {
          DistanceMeters?: XmlValue;
          Track?: {
            Trackpoint?: {
              Time?: string;
              Position?: { LatitudeDegrees: XmlValue; LongitudeDegrees: XmlValue };
              AltitudeMeters?: XmlValue;
              HeartRateBpm?: { Value?: XmlValue };
              Cadence?: XmlValue;
            }[];
          }[];
        }[];
      }[];
    };
  };
}

const number = (value: unknown): number | null => {
  const parsed = typeof value === 'number' ? value : Number(value);
  return value === undefined || value === '' || Number.isNaN(parsed) ? null : parsed;
};

/** Reads a GPX 1.1 file: track points (a break between track segments is a pause) and OpenTracks' stated distance and times. */
export function readGpx(text: string): RecordedActivity {
  const gpx = (parser.parse(text) as GpxDocument).gpx;
  if (!gpx) throw new Error('Not a GPX file');
  const points: TrackPoint[] = [];
  const pauses: Pause[] = [];
  const droppedValues: DroppedTrackPointValue[] = [];
  let statedDistanceMeters: number | null = null;
  let statedMovingTimeSeconds: number | null = null;
  let statedTimerTimeSeconds: number | null = null;
  let type: string | undefined;
  for (const track of gpx.trk ?? []) {
    type ??= track.type;
    const stats = track.extensions?.TrackStatsExtension;
    if (stats?.Distance !== undefined) statedDistanceMeters = number(stats.Distance);
    if (stats?.MovingTime !== undefined) statedMovingTimeSeconds = number(stats.MovingTime);
    if (stats?.TimerTime !== undefined) statedTimerTimeSeconds = number(stats.TimerTime);
    for (const segment of track.trkseg ?? []) {
      const first = points.length;
      for (const point of segment.trkpt ?? []) {
        if (point.time === undefined) continue;
        const extensions = point.extensions?.TrackPointExtension;
        const fix = {
          seq: points.length,
          time: new Date(point.time),
          lat: Number(point.lat),
          lon: Number(point.lon),
          elevation: number(point.ele),
          heartRate: number(extensions?.hr),
          cadence: number(extensions?.cad),
        };
        points.push(fileFix(fix, droppedValues));
      }
      const previous = points[first - 1];
      if (first > 0 && previous && points[first]) pauses.push({ from: previous.time, to: points[first].time });
    }
  }
  if (points.length === 0) throw new Error('GPX file has no timed track points');
  return {
    sport: sportNamed(type),
    points,
    pauses,
    ...spanOf(points),
    statedDistanceMeters,
    statedAscentMeters: null,
    statedMovingTimeSeconds,
    statedTimerTimeSeconds,
    droppedValues,
  };
}

/** Reads a TCX file: trackpoints with a position (a new track within a lap is a pause), the activity's sport, and the laps' distances summed. */
export function readTcx(text: string): RecordedActivity {
  const activity = (parser.parse(text) as TcxDocument).TrainingCenterDatabase?.Activities?.Activity?.[0];
  if (!activity) throw new Error('Not a TCX file');
  const points: TrackPoint[] = [];
  const droppedValues: DroppedTrackPointValue[] = [];
  /** The fixes that begin a track within a lap after another: the timer stopped and started again, a pause (a new lap is not). */
  const resumedAt = new Set<number>();
  let lapDistance: number | null = null;
  for (const lap of activity.Lap ?? []) {
    const distance = number(lap.DistanceMeters);
    if (distance !== null) lapDistance = (lapDistance ?? 0) + distance;
    const lapStart = points.length;
    for (const track of lap.Track ?? []) {
      if (points.length > lapStart) resumedAt.add(points.length);
      for (const point of track.Trackpoint ?? []) {
        const position = point.Position;
        if (!position || point.Time === undefined) continue;
        const fix = {
          seq: points.length,
          time: new Date(point.Time),
          lat: Number(position.LatitudeDegrees),
          lon: Number(position.LongitudeDegrees),
          elevation: number(point.AltitudeMeters),
          heartRate: number(point.HeartRateBpm?.Value),
          cadence: number(point.Cadence),
        };
        points.push(fileFix(fix, droppedValues));
      }
    }
  }
  if (points.length === 0) throw new Error('TCX file has no positions');
  const pauses = [...resumedAt]
    .filter((index) => index < points.length)
    .map((index) => ({ from: points[index - 1]!.time, to: points[index]!.time }));
  return {
    sport: sportNamed(activity.Sport),
    points,
    pauses,
    ...spanOf(points),
    statedDistanceMeters: lapDistance,
    statedAscentMeters: null,
    statedMovingTimeSeconds: null,
    statedTimerTimeSeconds: null,
    droppedValues,
  };
}
