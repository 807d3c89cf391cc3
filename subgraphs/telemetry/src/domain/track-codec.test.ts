import type { TrackPoint } from '@pacegraph/track-math';
import { syntheticTrack } from '@pacegraph/track-math/testing';
import { chunkTrack, decodeTrackChunk, encodeTrackChunk } from './track-codec.js';

const hourOfRunning = syntheticTrack({
  seed: 7,
  sport: 'RUN',
  movingSeconds: 3600,
  samplingSeconds: 1,
  noiseMeters: 5,
  stops: 2,
  stopSeconds: [30, 300],
  pauses: 1,
  gaps: 2,
}).points.map((point, index) => ({ ...point, accuracy: 4 + (index % 7) * 0.5, heartRate: 140 + (index % 20), cadence: 170 + (index % 5) }));

/** What a fix keeps in the cold form: positions to 1e-7°, elevation and accuracy to the centimetre. */
function rounded(point: TrackPoint): TrackPoint {
  const to = (value: number | null | undefined, scale: number) => (value == null ? null : (Math.round(value * scale) + 0) / scale);
  return {
    seq: point.seq,
    time: point.time,
    lat: to(point.lat, 1e7)!,
    lon: to(point.lon, 1e7)!,
    elevation: to(point.elevation, 100),
    accuracy: to(point.accuracy, 100),
    heartRate: point.heartRate ?? null,
    cadence: point.cadence ?? null,
  };
}

describe('the track codec', () => {
  it('gives back every fix of an hour-long run, to the stated precision', () => {
    const decoded = chunkTrack(hourOfRunning).flatMap((chunk) => decodeTrackChunk(encodeTrackChunk(chunk)));
    expect(decoded).toEqual(hourOfRunning.map(rounded));
  });

  it('keeps which optional values are missing, fix by fix', () => {
    const points: TrackPoint[] = [
      {
        seq: 1,
        time: new Date('2026-11-22T07:00:00.000Z'),
        lat: 52.1,
        lon: 4.3,
        elevation: 2.5,
        accuracy: null,
        heartRate: null,
        cadence: 80,
      },
      {
        seq: 2,
        time: new Date('2026-11-22T07:00:03.250Z'),
        lat: 52.10003,
        lon: 4.30004,
        elevation: null,
        accuracy: 12,
        heartRate: null,
        cadence: 81,
      },
      {
        seq: 5,
        time: new Date('2026-11-22T07:00:09.000Z'),
        lat: -33.9,
        lon: -151.2,
        elevation: -4.01,
        accuracy: 3.3,
        heartRate: 150,
        cadence: 82,
      },
    ];
    expect(decodeTrackChunk(encodeTrackChunk(points))).toEqual(points);
  });

  it('packs a fix of a 1 Hz run with heart rate and cadence into under 12 bytes', () => {
    const bytes = chunkTrack(hourOfRunning).reduce((sum, chunk) => sum + encodeTrackChunk(chunk).length, 0);
    expect(bytes / hourOfRunning.length).toBeLessThan(12);
  });

  it('refuses data it did not write', () => {
    expect(() => decodeTrackChunk(Uint8Array.from([9, 1, 0]))).toThrow('Unknown track chunk format 9');
    expect(() => decodeTrackChunk(encodeTrackChunk(hourOfRunning.slice(0, 10)).subarray(0, 20))).toThrow('ends early');
  });

  it('cuts a track into chunks of at most the given size, in order', () => {
    const chunks = chunkTrack(hourOfRunning.slice(0, 25), 10);
    expect(chunks.map((chunk) => chunk.length)).toEqual([10, 10, 5]);
    expect(chunks.flat()).toEqual(hourOfRunning.slice(0, 25));
  });
});
