import { SocialReason } from './reasons.js';

describe('the reasons the social service refuses something for', () => {
  it('are each one <AREA>.<NAME> string, none given twice', () => {
    const reasons = Object.values(SocialReason);
    for (const reason of reasons) {
      expect(reason).toMatch(
        /^(ACCOUNT|USER|FOLLOWS?|COMMENT|KUDOS|PRIVACY_ZONE|EXPORT|TOTALS|HISTORY|PROFILE|PREFERENCES|SEARCH)\.[A-Z]+(_[A-Z]+)*$/,
      );
    }
    expect(new Set(reasons).size).toBe(reasons.length);
  });
});
