import { TelemetryReason } from './reasons.js';

describe('the reasons the telemetry service refuses a batch for', () => {
  it('are each one TRACK.<NAME> string, none given twice', () => {
    const reasons = Object.values(TelemetryReason);
    for (const reason of reasons) expect(reason).toMatch(/^TRACK\.[A-Z]+(_[A-Z]+)*$/);
    expect(new Set(reasons).size).toBe(reasons.length);
  });
});
