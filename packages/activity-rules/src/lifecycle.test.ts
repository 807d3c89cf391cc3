import { eventKindOf, recordingStatuses, statusAfter, transitionRules } from './lifecycle.js';
import { activityStatuses } from './value-lists.js';

describe('the recording lifecycle', () => {
  it('leads from one status to the next, and refuses what the state machine does not allow', () => {
    expect(statusAfter('NOT_STARTED', 'start')).toBe('ACTIVE');
    expect(statusAfter('ACTIVE', 'pause')).toBe('PAUSED');
    expect(statusAfter('PAUSED', 'stop')).toBe('STOPPED');
    expect(statusAfter('STOPPED', 'complete')).toBe('COMPLETED');
    expect(statusAfter('ACTIVE', 'complete')).toBeNull();
    expect(statusAfter('COMPLETED', 'discard')).toBeNull();
    expect(statusAfter('PAUSED', 'discard')).toBe('DISCARDED');
  });

  it('leaves COMPLETED and DISCARDED for good, and reaches every other status', () => {
    const rules = Object.values(transitionRules);
    for (const final of ['COMPLETED', 'DISCARDED'] as const) {
      expect(rules.some((rule) => rule.from.includes(final))).toBe(false);
    }
    const reached = new Set(['NOT_STARTED', ...rules.map((rule) => rule.to)]);
    expect([...reached].sort()).toEqual([...activityStatuses].sort());
  });

  it('logs each timed transition, and takes fixes from the start until the activity is saved or thrown away', () => {
    expect(Object.keys(eventKindOf)).toEqual(['start', 'pause', 'resume', 'stop']);
    expect(recordingStatuses).toEqual(['ACTIVE', 'PAUSED', 'STOPPED']);
  });
});
