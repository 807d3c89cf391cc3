import { Decoder, Stream } from '@garmin/fitsdk';
import type { DroppedTrackPointValue, Pause, TrackPoint } from '@pacegraph/track-math';
import { fileFix, spanOf, sportNamed, type RecordedActivity } from './recorded-activity.js';

const degreesPerSemicircle = 180 / 2 ** 31;

interface FitRecord {
  timestamp: Date;
  positionLat?: number;
  positionLong?: number;
  altitude?: number;
  enhancedAltitude?: number;
  heartRate?: number;
  cadence?: number;
}
interface FitEvent {
  timestamp: Date;
  event: string;
  eventType: string;
}

/** Reads a FIT file (Garmin's official SDK): its records, timer pauses, sport, and the session's stated distance, ascent and times. */
export function readFit(bytes: Uint8Array): RecordedActivity {
  const decoder = new Decoder(Stream.fromByteArray(bytes));
  if (!decoder.isFIT()) throw new Error('Not a FIT file');
  const { messages, errors } = decoder.read();
  if (errors.length > 0) throw new Error(`FIT file could not be read: ${String(errors[0])}`);
  const records = (messages.recordMesgs ?? []) as FitRecord[];
  const points: TrackPoint[] = [];
  const droppedValues: DroppedTrackPointValue[] = [];
  for (const record of records) {
    if (record.positionLat === undefined || record.positionLong === undefined) continue;
    const fix = {
      seq: points.length,
      time: new Date(record.timestamp),
      lat: record.positionLat * degreesPerSemicircle,
      lon: record.positionLong * degreesPerSemicircle,
      elevation: record.enhancedAltitude ?? record.altitude ?? null,
      heartRate: record.heartRate ?? null,
      cadence: record.cadence ?? null,
    };
    points.push(fileFix(fix, droppedValues));
  }
  if (points.length === 0) throw new Error('FIT file has no positions');
  // A timer stop followed by a start is a pause (manual or auto-pause).
  const pauses: Pause[] = [];
  let stoppedAt: Date | null = null;
  for (const event of ((messages.eventMesgs ?? []) as FitEvent[]).filter((candidate) => candidate.event === 'timer')) {
    if (event.eventType.startsWith('stop')) stoppedAt ??= new Date(event.timestamp);
    else if (event.eventType === 'start' && stoppedAt) {
      pauses.push({ from: stoppedAt, to: new Date(event.timestamp) });
      stoppedAt = null;
    }
  }
  const session = (messages.sessionMesgs ?? [])[0] as
    | {
        sport?: string;
        totalDistance?: number;
        startTime?: Date;
        totalElapsedTime?: number;
        totalTimerTime?: number;
        totalMovingTime?: number;
        totalAscent?: number;
      }
    | undefined;
  const span = spanOf(points);
  const startedAt = session?.startTime ? new Date(session.startTime) : span.startedAt;
  const endedAt =
    session?.startTime && session.totalElapsedTime !== undefined
      ? new Date(startedAt.getTime() + session.totalElapsedTime * 1000)
      : span.endedAt;
  return {
    sport: sportNamed(session?.sport),
    points,
    pauses,
    startedAt,
    endedAt,
    statedDistanceMeters: session?.totalDistance ?? null,
    statedAscentMeters: session?.totalAscent ?? null,
    statedMovingTimeSeconds: session?.totalMovingTime ?? null,
    statedTimerTimeSeconds: session?.totalTimerTime ?? null,
    droppedValues,
  };
}
