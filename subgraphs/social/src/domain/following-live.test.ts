import type { ActivityStatusEvent } from '@pacegraph/service-kit';
import { followingLiveEventOf } from './following-live.js';

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
  ] as const)('%s', (_, changes, kind) => {
    expect(followingLiveEventOf(event(changes as Partial<ActivityStatusEvent>))?.kind ?? null).toBe(kind);
  });
});
