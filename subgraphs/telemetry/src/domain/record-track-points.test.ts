import type { TrackPoint } from '@pacegraph/track-math';
import { droppedFromStored, screenAgainstStored, screenEachPoint, screenRaced, statusUnlessRecording } from './record-track-points.js';

const startedAt = new Date(Date.UTC(2026, 10, 22, 7, 0, 0));
const now = new Date(startedAt.getTime() + 3600_000);
/** A fix `seq` 5 s after the one before, about 11 m further north. */
const fix = (seq: number, lat = 52.37 + seq * 1e-4): TrackPoint => ({
  seq,
  time: new Date(startedAt.getTime() + seq * 5000),
  lat,
  lon: 4.89,
});

describe('screening a batch of fixes', () => {
  it('keeps one of a seq sent twice alike, and refuses one sent twice with different data', () => {
    const screening = screenEachPoint([fix(1), fix(1), fix(2), fix(2, 52.5), fix(3, 95)], { startedAt, now });
    expect([...screening.candidates.keys()]).toEqual([1, 2]);
    expect(screening.duplicates).toBe(1);
    expect(screening.rejected.map((rejected) => [rejected.seq, rejected.reason])).toEqual([
      [2, 'CONFLICTING_DUPLICATE'],
      [3, 'INVALID_COORDINATES'],
    ]);
  });

  it('keeps a fix with a reading that cannot be, without it, and lists the reading for the fixes stored', () => {
    const sent = [
      { ...fix(1), heartRate: 400, cadence: 0 },
      { ...fix(2), heartRate: 0 },
      { ...fix(3), elevation: 50_000 },
    ];
    const screening = screenEachPoint(sent, { startedAt, now });
    expect(screening.rejected).toEqual([]);
    expect([...screening.candidates.values()].map(({ heartRate, cadence, elevation }) => [heartRate, cadence, elevation])).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
    expect(droppedFromStored(screening, new Set([1, 3])).map(({ seq, field }) => [seq, field])).toEqual([
      [1, 'HEART_RATE'],
      [3, 'ELEVATION'],
    ]);
    expect(droppedFromStored(screening, new Set([2]))).toEqual([]);
  });

  it('counts a stored fix sent again as a duplicate, and refuses one stored with different data', () => {
    const screening = screenAgainstStored(screenEachPoint([fix(4), fix(5, 52.3706), fix(6)], { startedAt, now }), [fix(4), fix(5)], 'RUN');
    expect([...screening.candidates.keys()]).toEqual([6]);
    expect(screening.duplicates).toBe(1);
    expect(screening.rejected).toEqual([expect.objectContaining({ seq: 5, reason: 'CONFLICTING_DUPLICATE' })]);
  });

  it('rejects a point some 300 km from the fixes either side of it', () => {
    const screening = screenAgainstStored(screenEachPoint([fix(8, 55)], { startedAt, now }), [fix(7), fix(9)], 'RUN');
    expect(screening.candidates.size).toBe(0);
    expect(screening.rejected).toEqual([expect.objectContaining({ seq: 8, reason: 'IMPOSSIBLE_SPEED' })]);
  });

  it('settles seqs a racing call stored first, and gives the refused fixes in seq order', () => {
    const earlier = { rejected: [{ seq: 9, reason: 'INVALID_COORDINATES' as const, message: '' }], duplicates: 0 };
    const settled = screenRaced(
      earlier,
      [fix(3), fix(4)],
      new Map([
        [3, fix(3)],
        [4, fix(4, 52.5)],
      ]),
    );
    expect(settled.duplicates).toBe(1);
    expect(settled.rejected.map((rejected) => rejected.seq)).toEqual([4, 9]);
  });

  it('tells an activity that stopped taking fixes from one that still records', () => {
    expect(statusUnlessRecording('STOPPED')).toBeNull();
    expect(statusUnlessRecording('COMPLETED')).toBe('COMPLETED');
    expect(statusUnlessRecording(undefined)).toBe('DELETED');
  });
});
