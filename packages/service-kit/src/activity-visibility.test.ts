import { visibilities } from '@pacegraph/activity-rules';
import { athleteRelation, canViewActivity, followingMatters, visibilitiesSeenBy } from './activity-visibility.js';

describe('who may see an activity', () => {
  const athleteId = 'a1';
  const viewers = {
    athlete: athleteRelation(athleteId, athleteId, false),
    follower: athleteRelation(athleteId, 'f1', true),
    stranger: athleteRelation(athleteId, 's1', false),
    anonymous: athleteRelation(athleteId, null, true),
  };
  it('tells the athlete, a follower and anyone else apart', () => {
    expect(viewers).toEqual({ athlete: 'ATHLETE', follower: 'FOLLOWER', stranger: 'OTHER', anonymous: 'OTHER' });
  });
  it.each([
    ['EVERYONE', 'ACTIVE', { athlete: true, follower: true, stranger: true, anonymous: true }],
    ['FOLLOWERS', 'COMPLETED', { athlete: true, follower: true, stranger: false, anonymous: false }],
    ['ONLY_ME', 'COMPLETED', { athlete: true, follower: false, stranger: false, anonymous: false }],
    ['EVERYONE', 'DISCARDED', { athlete: true, follower: false, stranger: false, anonymous: false }],
  ] as const)('%s, %s', (visibility, status, expected) => {
    const seen = Object.fromEntries(
      Object.entries(viewers).map(([who, relation]) => [who, canViewActivity({ athleteId, visibility, status }, relation)]),
    );
    expect(seen).toEqual(expected);
  });
  it('lists for queries exactly the visibilities it allows one by one', () => {
    for (const relation of ['ATHLETE', 'FOLLOWER', 'OTHER'] as const) {
      const allowed = visibilities.filter((visibility) => canViewActivity({ athleteId, visibility, status: 'COMPLETED' }, relation));
      expect(visibilitiesSeenBy(relation)).toEqual(allowed);
    }
  });
  it('asks for follows only where following changes the answer', () => {
    expect(followingMatters({ athleteId, visibility: 'FOLLOWERS', status: 'ACTIVE' })).toBe(true);
    expect(followingMatters({ athleteId, visibility: 'EVERYONE', status: 'ACTIVE' })).toBe(false);
    expect(followingMatters({ athleteId, visibility: 'ONLY_ME', status: 'ACTIVE' })).toBe(false);
    expect(followingMatters({ athleteId, visibility: 'FOLLOWERS', status: 'DISCARDED' })).toBe(false);
  });
});
