import { pausesOf } from './pauses.js';

describe('the pauses of an activity', () => {
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
