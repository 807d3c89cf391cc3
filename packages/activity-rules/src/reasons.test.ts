import { ActivityReason } from './reasons.js';

describe('the reasons an activity is refused', () => {
  it('are each one ACTIVITY.<NAME> string, none given twice', () => {
    const reasons = Object.values(ActivityReason);
    for (const reason of reasons) expect(reason).toMatch(/^ACTIVITY\.[A-Z]+(_[A-Z]+)*$/);
    expect(new Set(reasons).size).toBe(reasons.length);
  });
});
