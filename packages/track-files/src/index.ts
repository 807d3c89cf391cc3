import { readFit } from './read-fit.js';
import { readGpx, readTcx } from './read-xml-track.js';
import type { RecordedActivity } from './recorded-activity.js';
import type { ActivityFileFormat, ActivityFileTrack } from './activity-file-track.js';
import { writeFit } from './write-fit.js';
import { writeGpx } from './write-gpx.js';
import { writeTcx } from './write-tcx.js';

export * from './recorded-activity.js';
export { activityFileFormats, type ActivityFileFormat, type ActivityFileTrack } from './activity-file-track.js';
export { readFit, readGpx, readTcx, writeFit, writeGpx, writeTcx };

/** An activity file in `format`: its bytes, its name's extension and its media type. */
export function writeActivityFile(
  format: ActivityFileFormat,
  track: ActivityFileTrack,
): { bytes: Uint8Array; extension: string; contentType: string } {
  if (format === 'FIT') return { bytes: writeFit(track), extension: 'fit', contentType: 'application/vnd.ant.fit' };
  const text = format === 'GPX' ? writeGpx(track) : writeTcx(track);
  const contentType = format === 'GPX' ? 'application/gpx+xml' : 'application/vnd.garmin.tcx+xml';
  return { bytes: new TextEncoder().encode(text), extension: format.toLowerCase(), contentType };
}

/** Reads a GPX, TCX or FIT file, chosen by its name's extension. */
export function readActivityFile(fileName: string, bytes: Uint8Array): RecordedActivity {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'fit') return readFit(bytes);
  const text = new TextDecoder().decode(bytes);
  if (extension === 'gpx') return readGpx(text);
  if (extension === 'tcx') return readTcx(text);
  throw new Error(`Unknown activity file type: ${fileName}`);
}
