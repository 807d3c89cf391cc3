/** One GPS fix as a phone records it. */
export interface TrackPoint {
  /** The phone's sequence number: unique in an activity, the key of idempotent retries. */
  seq: number;
  time: Date;
  lat: number;
  lon: number;
  elevation?: number | null;
  /** Horizontal accuracy the phone reports, in metres (68% radius). */
  accuracy?: number | null;
  heartRate?: number | null;
  cadence?: number | null;
}

/** Whether two fixes with the same seq carry the same data (a retry, not a conflict). */
export function sameTrackPoint(a: TrackPoint, b: TrackPoint): boolean {
  const same = (x: number | null | undefined, y: number | null | undefined) => (x ?? null) === (y ?? null);
  return (
    a.seq === b.seq &&
    a.time.getTime() === b.time.getTime() &&
    a.lat === b.lat &&
    a.lon === b.lon &&
    same(a.elevation, b.elevation) &&
    same(a.accuracy, b.accuracy) &&
    same(a.heartRate, b.heartRate) &&
    same(a.cadence, b.cadence)
  );
}
