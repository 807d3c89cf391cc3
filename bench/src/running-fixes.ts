/** A fix as the API takes it. */
export interface FixInput {
  seq: number;
  time: string;
  lat: number;
  lon: number;
  elevation: number;
  accuracy: number;
  heartRate: number;
  cadence: number;
}

/**
 * Fixes of a steady run, one a second at 3 m/s with a gentle curve, for
 * athlete `athlete` (each runs in a different place): what a phone uploads.
 */
export function runningFixes(athlete: number, fromSeq: number, count: number, startedAt: Date): FixInput[] {
  return Array.from({ length: count }, (_, index) => {
    const seq = fromSeq + index;
    // Around a circle of 1.5 km radius at 3 m/s.
    const heading = seq / 500;
    return {
      seq,
      time: new Date(startedAt.getTime() + seq * 1000).toISOString(),
      lat: 45 + athlete * 0.01 + (1500 * Math.sin(heading)) / 111_000,
      lon: 5 + (1500 * (1 - Math.cos(heading))) / 78_000,
      elevation: 200 + 10 * Math.sin(seq / 100),
      accuracy: 4 + (seq % 3),
      heartRate: 140 + (seq % 25),
      cadence: 170 + (seq % 7),
    };
  });
}
