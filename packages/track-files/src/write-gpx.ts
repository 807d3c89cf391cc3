import { XMLBuilder } from 'fast-xml-parser';
import type { TrackPoint } from '@pacegraph/track-math';
import { stretchesBetweenPauses, type ActivityFileTrack } from './activity-file-track.js';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

/**
 * A GPX 1.1 file of a recorded track: positions, elevation and time, heart
 * rate and cadence in Garmin's TrackPointExtension, a segment per stretch
 * between pauses. Text is escaped by the XML builder.
 */
export function writeGpx(track: ActivityFileTrack): string {
  const segments = stretchesBetweenPauses(track);
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
        trkseg: segments.map((segment) => ({ trkpt: segment.map(trackPoint) })),
      },
    },
  };
  return builder.build(document);
}
