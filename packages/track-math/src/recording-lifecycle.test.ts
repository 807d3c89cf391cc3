import { pausesOf, statusAfter } from './recording-lifecycle.js';

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

  it('finds each pause from PAUSE to RESUME, an open one running to the stop', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 7, minute));
    const events = [
      { kind: 'START', at: at(0) },
      { kind: 'PAUSE', at: at(10) },
      { kind: 'RESUME', at: at(12) },
      { kind: 'PAUSE', at: at(20) },
    ];
    expect(pausesOf(events, at(25))).toEqual([
      { from: at(10), to: at(12) },
      { from: at(20), to: at(25) },
    ]);
  });
});
