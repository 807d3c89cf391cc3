import { isUuid } from './ids.js';

describe('ids', () => {
  it('are UUIDs, and nothing else passes for one', () => {
    expect(isUuid('46f128f5-5ce4-449d-802b-8001d53fd59d')).toBe(true);
    expect(isUuid('46F128F5-5CE4-449D-802B-8001D53FD59D')).toBe(true);
    expect(isUuid('46f128f5')).toBe(false);
    expect(isUuid("1'; DROP TABLE activities; --")).toBe(false);
    expect(isUuid(' 46f128f5-5ce4-449d-802b-8001d53fd59d')).toBe(false);
  });
});
