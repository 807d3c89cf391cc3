import { defaultAudioCueSettings, type AudioCueSettings } from '@pacegraph/activity-rules';
import { audioCuesAt, audioCueStateAt, englishAudioCue, type AudioCue, type CueMoment, type CueUnits } from './audio-cues.js';

const start = Date.parse('2026-12-01T07:00:00.000Z');
/** A steady run at 3 m/s (5:33/km) with a fix every `step` seconds: its moment at `seconds`. */
const running = (seconds: number): CueMoment => ({
  at: new Date(start + seconds * 1000),
  timerSeconds: seconds,
  distanceMeters: 3 * seconds,
  movingTimeSeconds: seconds,
  averagePaceSecondsPerKm: 1000 / 3,
  currentPaceSecondsPerKm: 1000 / 3,
  heartRateBpm: 150,
});

/** Every cue of a run to `until` seconds, a fix every `step` s. */
function cuesOf(settings: AudioCueSettings, units: CueUnits, until: number, step = 4): AudioCue[] {
  let state = audioCueStateAt(running(0), settings, units);
  const cues: AudioCue[] = [];
  for (let seconds = step; seconds <= until; seconds += step) {
    const due = audioCuesAt(state, running(seconds), settings, units, englishAudioCue);
    state = due.state;
    cues.push(...due.cues);
  }
  return cues;
}

describe('spoken cues', () => {
  it('speaks at the first fix past each kilometre, with the split since the last one', () => {
    const cues = cuesOf(defaultAudioCueSettings, 'METRIC', 1500);
    // 3 m/s crosses 1, 2, 3 and 4 km at 333.3, 666.7, 1000 and 1333.3 s: the fixes at 336, 668, 1000, 1336 s.
    expect(cues.map((cue) => [cue.kind, cue.mark, (cue.at.getTime() - start) / 1000])).toEqual([
      ['DISTANCE', 1, 336],
      ['DISTANCE', 2, 668],
      ['DISTANCE', 3, 1000],
      ['DISTANCE', 4, 1336],
    ]);
    expect(cues.map((cue) => cue.figures.splitPaceSecondsPerKm)).toEqual(cues.map(() => expect.closeTo(1000 / 3, 6)));
    expect(cues[0]!.text).toBe('Distance 1.01 kilometers. Time 5 minutes 36 seconds. Average pace 5 minutes 33 seconds per kilometer.');
  });

  it('speaks miles and pace per mile in IMPERIAL units', () => {
    const cues = cuesOf({ ...defaultAudioCueSettings, everyDistance: 0.5, fields: ['DISTANCE', 'SPLIT_PACE'] }, 'IMPERIAL', 600);
    // Half a mile is 804.672 m: 268.2 s at 3 m/s.
    expect(cues.map((cue) => [cue.mark, (cue.at.getTime() - start) / 1000])).toEqual([
      [0.5, 272],
      [1, 540],
    ]);
    expect(cues[1]!.text).toBe('Distance 1.01 miles. Split pace 8 minutes 56 seconds per mile.');
  });

  it('speaks by time on the timer, once when a fix shares a distance mark, and the last mark only across a gap', () => {
    const settings = { ...defaultAudioCueSettings, everyDistance: 1, everyMinutes: 5, fields: ['ELAPSED_TIME' as const] };
    expect(cuesOf(settings, 'METRIC', 700).map((cue) => [cue.kind, (cue.at.getTime() - start) / 1000])).toEqual([
      ['TIME', 300],
      ['DISTANCE', 336],
      ['TIME', 600],
      ['DISTANCE', 668],
    ]);
    // One fix at 20 minutes after 1 minute: 3 km and 4 time marks passed, each spoken once, for the last.
    const state = audioCueStateAt(running(60), settings, 'METRIC');
    const due = audioCuesAt(state, running(1200), settings, 'METRIC', englishAudioCue);
    expect(due.cues.map((cue) => [cue.kind, cue.mark])).toEqual([['DISTANCE', 3]]);
    expect(due.state).toMatchObject({ distanceMarks: 3, timeMarks: 4 });
  });

  it('speaks pause, resume and stop unless asked not to, and nothing when off', () => {
    const state = audioCueStateAt(running(0), defaultAudioCueSettings, 'METRIC');
    const spoken = (settings: AudioCueSettings, transition: 'pause' | 'resume' | 'stop' | 'start') =>
      audioCuesAt(state, running(90), settings, 'METRIC', englishAudioCue, transition).cues.map((cue) => cue.text);
    expect(spoken(defaultAudioCueSettings, 'pause')).toEqual([
      'Activity paused. Distance 0.27 kilometers. Time 1 minute 30 seconds. Average pace 5 minutes 33 seconds per kilometer.',
    ]);
    expect(spoken({ ...defaultAudioCueSettings, fields: ['HEART_RATE'] }, 'resume')).toEqual(['Activity resumed. Heart rate 150.']);
    expect(spoken({ ...defaultAudioCueSettings, fields: ['CURRENT_PACE'] }, 'stop')).toEqual([
      'Activity stopped. Current pace 5 minutes 33 seconds per kilometer.',
    ]);
    expect(spoken(defaultAudioCueSettings, 'start')).toEqual([]);
    expect(spoken({ ...defaultAudioCueSettings, onStatusChange: false }, 'pause')).toEqual([]);
    expect(cuesOf({ ...defaultAudioCueSettings, enabled: false }, 'METRIC', 1500)).toEqual([]);
  });

  it('does not speak marks passed before the cues began', () => {
    const state = audioCueStateAt(running(700), defaultAudioCueSettings, 'METRIC');
    const due = audioCuesAt(state, running(704), defaultAudioCueSettings, 'METRIC', englishAudioCue);
    expect(due.cues).toEqual([]);
  });
});
