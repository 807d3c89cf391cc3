import { pausesOf, timerSecondsAt } from './pauses.js';

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

describe("the activity's timer", () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 7, minutes));
  const pauses = [{ from: at(10), to: at(15) }];
  it('runs from the start, stops while paused, and counts a pause only up to the moment asked', () => {
    expect(timerSecondsAt(at(0), at(5), pauses)).toBe(300);
    expect(timerSecondsAt(at(0), at(12), pauses)).toBe(600);
    expect(timerSecondsAt(at(0), at(20), pauses)).toBe(900);
  });
});
