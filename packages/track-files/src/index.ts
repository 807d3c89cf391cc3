import { readFit } from './read-fit.js';
import { readGpx, readTcx } from './read-xml-track.js';
import type { RecordedActivity } from './recorded-activity.js';

export * from './recorded-activity.js';
export { readFit, readGpx, readTcx };
export * from './write-gpx.js';

/** Reads a GPX, TCX or FIT file, chosen by its name's extension. */
export function readActivityFile(fileName: string, bytes: Uint8Array): RecordedActivity {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'fit') return readFit(bytes);
  const text = new TextDecoder().decode(bytes);
  if (extension === 'gpx') return readGpx(text);
  if (extension === 'tcx') return readTcx(text);
  throw new Error(`Unknown activity file type: ${fileName}`);
}
