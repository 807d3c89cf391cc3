import { RecordingReason, trackPointReason } from './reasons.js';

describe("the recorder's own reasons", () => {
  it('are each one RECORDING.<NAME> string, none given twice', () => {
    const reasons = Object.values(RecordingReason);
    for (const reason of reasons) expect(reason).toMatch(/^RECORDING\.[A-Z]+(_[A-Z]+)*$/);
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it('name a refused fix by the rule it breaks, as the server lists it among the rejected', () => {
    expect(trackPointReason('NULL_ISLAND')).toBe('TRACK_POINT.NULL_ISLAND');
  });
});
