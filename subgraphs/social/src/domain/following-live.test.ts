import type { ActivityStatusEvent } from '@pacegraph/service-kit';
import { followingLiveEventOf, missedFollowingLiveEvents, sendsNext, type StoredActivityStatus } from './following-live.js';

const event = (changes: Partial<ActivityStatusEvent>): ActivityStatusEvent => ({
  activityId: 'a1',
  athleteId: 'u1',
  status: 'ACTIVE',
  previousStatus: 'NOT_STARTED',
  at: '2026-12-01T07:00:00.000Z',
  visibility: 'EVERYONE',
  startedAt: '2026-12-01T07:00:00.000Z',
  ...changes,
});

describe('what a status change tells a follower', () => {
  it.each([
    ['a start', {}, 'STARTED'],
    ['a resume', { previousStatus: 'PAUSED' }, null],
    ['a pause', { status: 'PAUSED', previousStatus: 'ACTIVE' }, null],
    ['a stop', { status: 'STOPPED', previousStatus: 'ACTIVE' }, null],
    ['a save', { status: 'COMPLETED', previousStatus: 'STOPPED' }, 'SAVED'],
    ['a discard after the start', { status: 'DISCARDED', previousStatus: 'PAUSED' }, 'DISCARDED'],
    ['a discard before any start', { status: 'DISCARDED', previousStatus: 'NOT_STARTED' }, null],
    ['a start for followers', { visibility: 'FOLLOWERS' }, 'STARTED'],
    ['a private start', { visibility: 'ONLY_ME' }, null],
    ['a private discard', { status: 'DISCARDED', previousStatus: 'ACTIVE', visibility: 'ONLY_ME' }, null],
    ['an edit to ONLY_ME while recording', { previousStatus: 'ACTIVE', visibility: 'ONLY_ME' }, 'HIDDEN'],
    ['an edit to ONLY_ME while paused', { status: 'PAUSED', previousStatus: 'PAUSED', visibility: 'ONLY_ME' }, 'HIDDEN'],
    ['an edit to FOLLOWERS while stopped', { status: 'STOPPED', previousStatus: 'STOPPED', visibility: 'FOLLOWERS' }, 'STARTED'],
    ['an edit before the start', { status: 'NOT_STARTED', previousStatus: 'NOT_STARTED', startedAt: null }, null],
  ] as const)('%s', (_, changes, kind) => {
    expect(followingLiveEventOf(event(changes as Partial<ActivityStatusEvent>))?.kind ?? null).toBe(kind);
  });
});

describe('what a stream sends of one activity', () => {
  it.each([
    ['a start', 'STARTED', undefined, true],
    ['a start told already (a late message)', 'STARTED', 'STARTED', false],
    ['hidden, after its start', 'HIDDEN', 'STARTED', true],
    ['hidden, never told of', 'HIDDEN', undefined, false],
    ['hidden twice', 'HIDDEN', 'HIDDEN', false],
    ['visible again after hidden', 'STARTED', 'HIDDEN', true],
    ['saved after hidden', 'SAVED', 'HIDDEN', true],
    ['a start after its save (a late message)', 'STARTED', 'SAVED', false],
    ['a save after its discard', 'SAVED', 'DISCARDED', false],
  ] as const)('%s', (_, kind, last, sends) => {
    expect(sendsNext(kind, last)).toBe(sends);
  });

  it('catches up on a start made private during an outage as HIDDEN, only for a stream that had shown it', () => {
    const stored = (id: string, visibility: StoredActivityStatus['visibility']): StoredActivityStatus => ({
      id,
      athleteId: 'u1',
      status: 'ACTIVE',
      visibility,
      startedAt: new Date('2026-12-01T07:00:00.000Z'),
      updatedAt: new Date('2026-12-01T07:10:00.000Z'),
    });
    const changed = [stored('shown', 'ONLY_ME'), stored('never-shown', 'ONLY_ME'), stored('new', 'FOLLOWERS')];
    const missed = missedFollowingLiveEvents(changed, new Map([['shown', 'STARTED']]));
    expect(missed.map((event) => [event.activityId, event.kind])).toEqual([
      ['shown', 'HIDDEN'],
      ['new', 'STARTED'],
    ]);
  });
});
