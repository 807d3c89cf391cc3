import { canViewActivity } from './activity-visibility.js';

describe('who may see an activity', () => {
  const athleteId = 'a1';
  const viewers = { athlete: athleteId, stranger: 's1', anonymous: null } as const;
  it.each([
    ['EVERYONE', 'ACTIVE', { athlete: true, stranger: true, anonymous: true }],
    ['FOLLOWERS', 'ACTIVE', { athlete: true, stranger: false, anonymous: false }],
    ['ONLY_ME', 'COMPLETED', { athlete: true, stranger: false, anonymous: false }],
    ['EVERYONE', 'DISCARDED', { athlete: true, stranger: false, anonymous: false }],
  ] as const)('%s, %s', (visibility, status, expected) => {
    const seen = Object.fromEntries(
      Object.entries(viewers).map(([who, viewerId]) => [who, canViewActivity({ athleteId, visibility, status }, viewerId)]),
    );
    expect(seen).toEqual(expected);
  });
});
