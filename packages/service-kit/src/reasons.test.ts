import { ServiceReason } from './reasons.js';

describe('the reasons any request may be refused for', () => {
  it('are each one <AREA>.<NAME> string, none given twice', () => {
    const reasons = Object.values(ServiceReason);
    for (const reason of reasons) expect(reason).toMatch(/^(AUTH|INPUT|DATA|PAGE|QUERY|SERVICE|LIVE)\.[A-Z]+(_[A-Z]+)*$/);
    expect(new Set(reasons).size).toBe(reasons.length);
  });
});
