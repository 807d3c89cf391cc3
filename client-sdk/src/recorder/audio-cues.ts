import type { AudioCueField, AudioCueSettings, TimedTransition } from '@pacegraph/activity-rules';
import { splitUnitMeters } from '@pacegraph/track-math';
import type { Units } from '../generated/graphql.js';

/**
 * Spoken cues: when a recording's figures cross a distance or time mark, or
 * it is paused, resumed or stopped, what an app should say. Pure rules over
 * the device's own live figures, so cues come offline as online; `Recording`
 * feeds them each fix and transition.
 */

/** The units figures are spoken in (the athlete's `preferences.units`): kilometres or miles, pace per kilometre or per mile. */
export type CueUnits = Units;

/** Metres in a kilometre or a mile: the splits' own units. */
export const metersPerUnit: Record<CueUnits, number> = { METRIC: splitUnitMeters.KM, IMPERIAL: splitUnitMeters.MILE };

/** Why a cue is spoken. */
export type AudioCueKind = 'DISTANCE' | 'TIME' | 'PAUSED' | 'RESUMED' | 'STOPPED';

/** The recording's figures at one moment, as the device has them. */
export interface CueMoment {
  at: Date;
  /** The activity's timer: time since the start, less pauses. */
  timerSeconds: number;
  distanceMeters: number;
  movingTimeSeconds: number;
  averagePaceSecondsPerKm: number | null;
  currentPaceSecondsPerKm: number | null;
  /** The latest heart rate read; null without a sensor. */
  heartRateBpm: number | null;
}

/** What an app should say, and when. */
export interface AudioCue {
  kind: AudioCueKind;
  at: Date;
  /** The figures the settings ask for, in their order (`splitPaceSecondsPerKm`: since the last distance mark). */
  fields: AudioCueField[];
  figures: CueMoment & { splitPaceSecondsPerKm: number | null };
  units: CueUnits;
  /** For a DISTANCE cue, the mark crossed in `units` (2 = the second kilometre or mile); null for the others. */
  mark: number | null;
  /** The words to speak, by the wording the app chose. */
  text: string;
}

/** Turns a cue into words; replace it for another language or style. */
export type AudioCueWording = (cue: Omit<AudioCue, 'text'>) => string;

/** The cue each transition speaks (a start speaks none: the app says its own "go"). */
const transitionCues: Record<TimedTransition, AudioCueKind | null> = { start: null, pause: 'PAUSED', resume: 'RESUMED', stop: 'STOPPED' };

/** Where a recording's cues stand: the marks passed and where the current split began. */
export interface AudioCueState {
  distanceMarks: number;
  timeMarks: number;
  splitStart: { distanceMeters: number; movingTimeSeconds: number };
}

/** The state of cues begun at `moment`: marks already passed are not spoken late. */
export function audioCueStateAt(moment: CueMoment, settings: AudioCueSettings, units: CueUnits): AudioCueState {
  return {
    distanceMarks: settings.everyDistance ? Math.floor(moment.distanceMeters / (settings.everyDistance * metersPerUnit[units])) : 0,
    timeMarks: settings.everyMinutes ? Math.floor(moment.timerSeconds / (settings.everyMinutes * 60)) : 0,
    splitStart: { distanceMeters: moment.distanceMeters, movingTimeSeconds: moment.movingTimeSeconds },
  };
}

/**
 * The cues due at `moment` (a new fix, or `transition` made then) and the state after them. Crossing several marks in one step (a gap
 * in the fixes) speaks the last one only.
 */
export function audioCuesAt(
  state: AudioCueState,
  moment: CueMoment,
  settings: AudioCueSettings,
  units: CueUnits,
  wording: AudioCueWording,
  transition?: TimedTransition,
): { state: AudioCueState; cues: AudioCue[] } {
  if (!settings.enabled) return { state, cues: [] };
  const cues: AudioCue[] = [];
  const splitPace = (start: AudioCueState['splitStart']) => {
    const meters = moment.distanceMeters - start.distanceMeters;
    return meters > 0 ? ((moment.movingTimeSeconds - start.movingTimeSeconds) / meters) * 1000 : null;
  };
  const cue = (kind: AudioCueKind, mark: number | null, splitPaceSecondsPerKm: number | null) => {
    const spoken = { kind, at: moment.at, fields: settings.fields, figures: { ...moment, splitPaceSecondsPerKm }, units, mark };
    cues.push({ ...spoken, text: wording(spoken) });
  };
  let next = state;
  if (transition) {
    const kind = transitionCues[transition];
    if (kind && settings.onStatusChange) cue(kind, null, splitPace(state.splitStart));
    return { state, cues };
  }
  if (settings.everyDistance) {
    const marks = Math.floor(moment.distanceMeters / (settings.everyDistance * metersPerUnit[units]));
    if (marks > next.distanceMarks) {
      cue('DISTANCE', marks * settings.everyDistance, splitPace(next.splitStart));
      next = {
        ...next,
        distanceMarks: marks,
        splitStart: { distanceMeters: moment.distanceMeters, movingTimeSeconds: moment.movingTimeSeconds },
      };
    }
  }
  if (settings.everyMinutes) {
    const marks = Math.floor(moment.timerSeconds / (settings.everyMinutes * 60));
    if (marks > next.timeMarks) {
      // Spoken with a distance cue of the same fix, it would say the same figures twice.
      if (cues.length === 0) cue('TIME', null, splitPace(next.splitStart));
      next = { ...next, timeMarks: marks };
    }
  }
  return { state: next, cues };
}

/** The default wording, in English: "2 kilometers. Time 10 minutes 32 seconds. Average pace 5 minutes 16 seconds per kilometer." */
export const englishAudioCue: AudioCueWording = (cue) => {
  const unit = cue.units === 'METRIC' ? 'kilometer' : 'mile';
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const duration = (seconds: number) => {
    const whole = Math.round(seconds);
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const parts = [hours ? plural(hours, 'hour') : '', minutes ? plural(minutes, 'minute') : '', plural(whole % 60, 'second')];
    return parts.filter(Boolean).join(' ');
  };
  const pace = (secondsPerKm: number | null) =>
    secondsPerKm === null ? 'not moving' : `${duration((secondsPerKm * metersPerUnit[cue.units]) / 1000)} per ${unit}`;
  const distance = (meters: number) => {
    const value = Math.round((meters / metersPerUnit[cue.units]) * 100) / 100;
    return `${value} ${unit}${value === 1 ? '' : 's'}`;
  };
  const { figures } = cue;
  const said: Record<AudioCueField, string> = {
    ELAPSED_TIME: `Time ${duration(figures.timerSeconds)}`,
    DISTANCE: `Distance ${distance(figures.distanceMeters)}`,
    AVERAGE_PACE: `Average pace ${pace(figures.averagePaceSecondsPerKm)}`,
    CURRENT_PACE: `Current pace ${pace(figures.currentPaceSecondsPerKm)}`,
    SPLIT_PACE: `Split pace ${pace(figures.splitPaceSecondsPerKm)}`,
    HEART_RATE: figures.heartRateBpm === null ? '' : `Heart rate ${Math.round(figures.heartRateBpm)}`,
  };
  const opening = { DISTANCE: null, TIME: null, PAUSED: 'Activity paused', RESUMED: 'Activity resumed', STOPPED: 'Activity stopped' }[
    cue.kind
  ];
  return [opening, ...cue.fields.map((field) => said[field])]
    .filter(Boolean)
    .map((sentence) => `${sentence}.`)
    .join(' ');
};
