import { Encoder, Profile } from '@garmin/fitsdk';
import type { Sport } from '@pacegraph/activity-rules';
import { timerSecondsAt } from '@pacegraph/track-math';
import type { ActivityFileTrack } from './activity-file-track.js';

const semicirclesPerDegree = 2 ** 31 / 180;

/** FIT's sport names for ours (`readFit` reads them back with `sportNamed`). */
const fitSports: Record<Sport, string> = { RUN: 'running', RIDE: 'cycling', WALK: 'walking', HIKE: 'hiking' };

/**
 * A FIT activity file of a recorded track, by Garmin's own SDK: a record per
 * fix (position in semicircles, altitude, heart rate, cadence), the timer
 * stopped and started at each pause's own times, a lap and a session with the
 * sport and times, as devices write them (FIT keeps whole seconds and
 * altitude to 0.2 m).
 */
export function writeFit(track: ActivityFileTrack): Uint8Array {
  const points = [...track.points].sort((a, b) => a.time.getTime() - b.time.getTime());
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) throw new Error('A FIT file needs at least one fix');
  const startedAt = track.startedAt ?? first.time;
  const endedAt = track.endedAt ?? last.time;
  const timerSeconds = timerSecondsAt(startedAt, endedAt, track.pauses ?? []);
  const encoder = new Encoder();
  const write = (name: 'FILE_ID' | 'EVENT' | 'RECORD' | 'LAP' | 'SESSION' | 'ACTIVITY', message: Record<string, unknown>) =>
    encoder.onMesg(Profile.MesgNum[name]!, message);
  const timer = (timestamp: Date, eventType: 'start' | 'stopAll') =>
    write('EVENT', { timestamp, event: 'timer', eventType, eventGroup: 0 });

  write('FILE_ID', { type: 'activity', manufacturer: 'development', product: 0, timeCreated: startedAt, serialNumber: 1 });
  // The timer's stops and starts at the pauses' own times, fixes in between as recorded (some devices record while paused).
  const timerEvents = (track.pauses ?? []).flatMap((pause) => [
    { at: pause.from, eventType: 'stopAll' as const },
    { at: pause.to, eventType: 'start' as const },
  ]);
  timer(startedAt, 'start');
  let next = 0;
  for (const point of points) {
    for (; next < timerEvents.length && timerEvents[next]!.at <= point.time; next++)
      timer(timerEvents[next]!.at, timerEvents[next]!.eventType);
    write('RECORD', {
      timestamp: point.time,
      positionLat: Math.round(point.lat * semicirclesPerDegree),
      positionLong: Math.round(point.lon * semicirclesPerDegree),
      ...(point.elevation != null ? { enhancedAltitude: point.elevation } : {}),
      ...(point.heartRate != null ? { heartRate: point.heartRate } : {}),
      ...(point.cadence != null ? { cadence: point.cadence } : {}),
    });
  }
  for (; next < timerEvents.length; next++) timer(timerEvents[next]!.at, timerEvents[next]!.eventType);
  timer(endedAt, 'stopAll');
  const elapsedSeconds = (endedAt.getTime() - startedAt.getTime()) / 1000;
  const sport = fitSports[track.sport];
  const summary = { timestamp: endedAt, startTime: startedAt, totalElapsedTime: elapsedSeconds, totalTimerTime: timerSeconds, sport };
  write('LAP', { ...summary, messageIndex: 0 });
  write('SESSION', { ...summary, messageIndex: 0, firstLapIndex: 0, numLaps: 1 });
  write('ACTIVITY', {
    timestamp: endedAt,
    totalTimerTime: timerSeconds,
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
  });
  return encoder.close();
}
