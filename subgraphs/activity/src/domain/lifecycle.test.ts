import { decideTransition, maxClockSkewMs, transitionChanges, type ActivityStatus, type Transition } from './lifecycle.js';

const now = new Date('2026-11-22T08:00:00Z');
const at = (iso: string) => new Date(iso);

describe('the activity state machine', () => {
  it.each<[ActivityStatus, Transition, ActivityStatus]>([
    ['NOT_STARTED', 'start', 'ACTIVE'],
    ['ACTIVE', 'pause', 'PAUSED'],
    ['PAUSED', 'resume', 'ACTIVE'],
    ['ACTIVE', 'stop', 'STOPPED'],
    ['PAUSED', 'stop', 'STOPPED'],
    ['STOPPED', 'complete', 'COMPLETED'],
    ['NOT_STARTED', 'discard', 'DISCARDED'],
    ['ACTIVE', 'discard', 'DISCARDED'],
    ['PAUSED', 'discard', 'DISCARDED'],
    ['STOPPED', 'discard', 'DISCARDED'],
  ])('moves %s by %s to %s', (from, transition, to) => {
    expect(decideTransition(from, transition, { now })).toMatchObject({ kind: 'apply', to });
  });

  it.each<[ActivityStatus, Transition]>([
    ['NOT_STARTED', 'pause'],
    ['NOT_STARTED', 'stop'],
    ['NOT_STARTED', 'complete'],
    ['ACTIVE', 'start'],
    ['ACTIVE', 'complete'],
    ['PAUSED', 'pause'],
    ['STOPPED', 'resume'],
    ['COMPLETED', 'discard'],
    ['COMPLETED', 'start'],
    ['DISCARDED', 'complete'],
    ['DISCARDED', 'start'],
  ])('refuses %s → %s with CONFLICT naming both', (from, transition) => {
    const attempt = () => decideTransition(from, transition, { now });
    expect(attempt).toThrow(expect.objectContaining({ code: 'CONFLICT', reason: 'ACTIVITY.ILLEGAL_TRANSITION' }));
    expect(attempt).toThrow(`Cannot ${transition} an activity that is ${from}`);
  });

  it('records timed transitions with the device time, or the server time without one', () => {
    expect(decideTransition('NOT_STARTED', 'start', { at: at('2026-11-22T07:00:00Z'), now })).toEqual({
      kind: 'apply',
      to: 'ACTIVE',
      event: { kind: 'START', at: at('2026-11-22T07:00:00Z') },
    });
    expect(decideTransition('ACTIVE', 'pause', { now })).toEqual({
      kind: 'apply',
      to: 'PAUSED',
      event: { kind: 'PAUSE', at: now },
    });
    expect(decideTransition('STOPPED', 'complete', { now })).toEqual({ kind: 'apply', to: 'COMPLETED' });
  });

  it('treats a repeated transition with the same time as a replay, and a different time as a conflict', () => {
    const lastEvent = { kind: 'PAUSE' as const, at: at('2026-11-22T07:10:00Z') };
    expect(decideTransition('PAUSED', 'pause', { at: at('2026-11-22T07:10:00Z'), lastEvent, now })).toEqual({
      kind: 'replay',
    });
    expect(decideTransition('PAUSED', 'pause', { lastEvent, now })).toEqual({ kind: 'replay' });
    expect(() => decideTransition('PAUSED', 'pause', { at: at('2026-11-22T07:11:00Z'), lastEvent, now })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(decideTransition('COMPLETED', 'complete', { now })).toEqual({ kind: 'replay' });
    expect(decideTransition('DISCARDED', 'discard', { now })).toEqual({ kind: 'replay' });
  });

  it('refuses a time before the previous transition, or too far in the future', () => {
    const lastEvent = { kind: 'START' as const, at: at('2026-11-22T07:00:00Z') };
    expect(() => decideTransition('ACTIVE', 'pause', { at: at('2026-11-22T06:59:59Z'), lastEvent, now })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'at', reason: 'ACTIVITY.TIME_BEFORE_PREVIOUS' }),
    );
    const tooLate = new Date(now.getTime() + maxClockSkewMs + 1000);
    expect(() => decideTransition('ACTIVE', 'pause', { at: tooLate, lastEvent, now })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'ACTIVITY.TIME_IN_FUTURE' }),
    );
  });
});

describe('the changes a transition stores', () => {
  const at = new Date('2026-11-22T07:00:00Z');

  it('sets the start time on start and the stop time on stop', () => {
    expect(transitionChanges({ kind: 'apply', to: 'ACTIVE', event: { kind: 'START', at } }, 'RUN', null)).toEqual({
      status: 'ACTIVE',
      startedAt: at,
    });
    expect(transitionChanges({ kind: 'apply', to: 'STOPPED', event: { kind: 'STOP', at } }, 'RUN', null)).toEqual({
      status: 'STOPPED',
      endedAt: at,
    });
    expect(transitionChanges({ kind: 'apply', to: 'PAUSED', event: { kind: 'PAUSE', at } }, 'RUN', null)).toEqual({
      status: 'PAUSED',
    });
  });

  it('sets what completing gives, trimmed, and leaves out what it does not', () => {
    const completed = { kind: 'apply', to: 'COMPLETED' } as const;
    expect(transitionChanges(completed, 'RIDE', { title: '  ', description: ' Hilly ', visibility: 'ONLY_ME' })).toEqual({
      status: 'COMPLETED',
      title: 'Ride',
      description: 'Hilly',
      visibility: 'ONLY_ME',
    });
    expect(transitionChanges(completed, 'RIDE', { description: null })).toEqual({ status: 'COMPLETED', description: null });
    expect(transitionChanges(completed, 'RIDE', undefined)).toEqual({ status: 'COMPLETED' });
  });
});
