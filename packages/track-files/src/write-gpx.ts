import { XMLBuilder } from 'fast-xml-parser';
import type { Sport } from '@pacegraph/activity-rules';
import type { Pause, TrackPoint } from '@pacegraph/track-math';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

export interface GpxTrack {
  name: string;
  sport: Sport;
  points: readonly TrackPoint[];
  /** Each pause starts a new track segment, as readGpx reads them back. */
  pauses?: readonly Pause[];
}

/**
 * A GPX 1.1 file of a recorded track: positions, elevation and time, heart
 * rate and cadence in Garmin's TrackPointExtension, a segment per stretch
 * between pauses. Text is escaped by the XML builder.
 */
export function writeGpx(track: GpxTrack): string {
  const points = [...track.points].sort((a, b) => a.time.getTime() - b.time.getTime());
  const segments: TrackPoint[][] = [[]];
  for (const point of points) {
    const current = segments.at(-1)!;
    const previous = current.at(-1);
    const pausedBetween = previous && (track.pauses ?? []).some((pause) => pause.from >= previous.time && pause.to <= point.time);
    if (pausedBetween) segments.push([point]);
    else current.push(point);
  }
  const trackPoint = (point: TrackPoint) => ({
    '@lat': point.lat,
    '@lon': point.lon,
    ...(point.elevation != null ? { ele: point.elevation } : {}),
    time: point.time.toISOString(),
    ...(point.heartRate != null || point.cadence != null
      ? {
          extensions: {
            'gpxtpx:TrackPointExtension': {
              ...(point.heartRate != null ? { 'gpxtpx:hr': point.heartRate } : {}),
              ...(point.cadence != null ? { 'gpxtpx:cad': point.cadence } : {}),
            },
          },
        }
      : {}),
  });
  const document = {
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    gpx: {
      '@version': '1.1',
      '@creator': 'PaceGraph',
      '@xmlns': 'http://www.topografix.com/GPX/1/1',
      '@xmlns:gpxtpx': 'http://www.garmin.com/xmlschemas/TrackPointExtension/v1',
      trk: {
        name: track.name,
        type: track.sport.toLowerCase(),
        trkseg: segments.filter((segment) => segment.length).map((segment) => ({ trkpt: segment.map(trackPoint) })),
      },
    },
  };
  return builder.build(document);
}
