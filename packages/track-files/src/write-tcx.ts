import { XMLBuilder } from 'fast-xml-parser';
import type { Sport } from '@pacegraph/activity-rules';
import type { TrackPoint } from '@pacegraph/track-math';
import { stretchesBetweenPauses, type ActivityFileTrack } from './activity-file-track.js';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

/** TCX names three sports only: walks and hikes are Other (an import of the file takes its sport as given). */
const tcxSports: Record<Sport, 'Running' | 'Biking' | 'Other'> = { RUN: 'Running', RIDE: 'Biking', WALK: 'Other', HIKE: 'Other' };

/**
 * A TCX (Training Center Database v2) file of a recorded track: one lap, a
 * track per stretch between pauses (as Garmin's devices write a timer stop
 * and start within a lap, and `readTcx` reads it back), positions, altitude,
 * heart rate and cadence. The lap's time is the timer's (pauses left out).
 */
export function writeTcx(track: ActivityFileTrack): string {
  const stretches = stretchesBetweenPauses(track);
  const startedAt = track.startedAt ?? stretches[0]?.[0]?.time ?? new Date(0);
  const timerSeconds = stretches.reduce(
    (seconds, stretch) => seconds + (stretch.at(-1)!.time.getTime() - stretch[0]!.time.getTime()) / 1000,
    0,
  );
  const trackPoint = (point: TrackPoint) => ({
    Time: point.time.toISOString(),
    Position: { LatitudeDegrees: point.lat, LongitudeDegrees: point.lon },
    ...(point.elevation != null ? { AltitudeMeters: point.elevation } : {}),
    ...(point.heartRate != null ? { HeartRateBpm: { Value: point.heartRate } } : {}),
    ...(point.cadence != null ? { Cadence: point.cadence } : {}),
  });
  const document = {
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    TrainingCenterDatabase: {
      '@xmlns': 'http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2',
      Activities: {
        Activity: {
          '@Sport': tcxSports[track.sport],
          Id: startedAt.toISOString(),
          Lap: {
            '@StartTime': startedAt.toISOString(),
            TotalTimeSeconds: timerSeconds,
            Intensity: 'Active',
            TriggerMethod: 'Manual',
            Track: stretches.map((stretch) => ({ Trackpoint: stretch.map(trackPoint) })),
          },
          Notes: track.name,
        },
      },
    },
  };
  return builder.build(document);
}
