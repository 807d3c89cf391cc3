import type { Sport } from '@pacegraph/activity-rules';
import { distanceMeters } from './geodesy.js';
import { impossibleSpeedMps, stoppedBelowMps } from './sports.js';
import type { TrackPoint } from './track-point.js';
import { defaultAccuracyMeters, maxUsableAccuracyMeters } from './segment-smoothing.js';

/**
 * Live figures while an activity records, updated fix by fix as batches
 * arrive: what the athlete and their watchers see. Causal (each fix once, in
 * seq order) and cheap, unlike the whole-track analysis that gives the saved
 * stats once the activity ends. Plain data, so any instance can carry it on.
 */
export interface LiveTrack {
  sport: Sport;
  /** The highest seq taken in; null before the first fix. */
  lastSeq: number | null;
  distanceMeters: number;
  movingTimeSeconds: number;
  /**
   * Where distance was last counted to: the athlete has moved on once two
   * fixes in a row are clearly away from here (one can be jitter).
   */
  anchor: LiveFix | null;
  /** Whether the latest fix was clearly away from the anchor. */
  leaving: boolean;
  /** While standing, the anchor is the mean of this many fixes: its own jitter shrinks. */
  anchorFixes: number;
  /** The latest usable fix. */
  last: LiveFix | null;
  /** Seconds (epoch) when the anchor last moved. */
  lastMovedAt: number | null;
  /** (time, distance so far) where distance was last counted, over the recent window: the current pace. */
  recent: [number, number][];
}

/** A fix as the live track keeps it. */
export interface LiveFix {
  /** Seconds since the epoch. */
  time: number;
  lat: number;
  lon: number;
  elevation: number | null;
  /** Horizontal accuracy, metres. */
  accuracy: number;
  /** Beats per minute; null without a reading (absent in tracks kept before it was added). */
  heartRate?: number | null;
}

/** The figures shown live. */
export interface LiveFigures {
  distanceMeters: number;
  movingTimeSeconds: number;
  /** Over the last `currentPaceWindowSeconds`; 0 when standing. */
  currentSpeedMps: number;
  /** Null while standing. */
  currentPaceSecondsPerKm: number | null;
  /** Moving time per km; null before any distance. */
  averagePaceSecondsPerKm: number | null;
}

/** The current pace is distance over about this long, not one fix's speed. @default 30 s */
export const currentPaceWindowSeconds = 30;
/** A fix is clearly away from the anchor this many times their accuracy from it. */
const anchorAccuracyFactor = 3;
/** The anchor has moved within this long: the athlete is moving. @default 15 s */
const movingWithinSeconds = 15;
/** A step longer than this (lost signal, a pause) adds distance but no moving time. @default 30 s */
const gapSeconds = 30;

/** A live track with nothing taken in yet. */
export function emptyLiveTrack(sport: Sport): LiveTrack {
  return {
    sport,
    lastSeq: null,
    distanceMeters: 0,
    movingTimeSeconds: 0,
    anchor: null,
    leaving: false,
    anchorFixes: 0,
    last: null,
    lastMovedAt: null,
    recent: [],
  };
}

/**
 * Takes in fixes after `track.lastSeq`, in seq order; earlier seqs are
 * ignored (a late batch changes the saved stats, not the live ones).
 * Returns a new track; the given one is not changed.
 */
export function advanceLiveTrack(track: LiveTrack, points: readonly TrackPoint[]): LiveTrack {
  const next: LiveTrack = { ...track, recent: [...track.recent] };
  const fresh = points.filter((point) => track.lastSeq === null || point.seq > track.lastSeq).sort((a, b) => a.seq - b.seq);
  for (const point of fresh) {
    next.lastSeq = point.seq;
    const accuracy = point.accuracy ?? defaultAccuracyMeters;
    const fix: LiveFix = {
      time: point.time.getTime() / 1000,
      lat: point.lat,
      lon: point.lon,
      elevation: point.elevation ?? null,
      accuracy,
      heartRate: point.heartRate ?? null,
    };
    if (accuracy > maxUsableAccuracyMeters || (next.last && fix.time <= next.last.time)) continue;
    if (!next.anchor) {
      next.anchor = fix;
      next.anchorFixes = 1;
      next.last = fix;
      next.recent.push([fix.time, 0]);
      continue;
    }
    const meters = distanceMeters(next.anchor, fix);
    // A glitch: reaching it from the last fix would take an impossible speed.
    const fromLast = distanceMeters(next.last!, fix) - next.last!.accuracy - fix.accuracy;
    if (fromLast / (fix.time - next.last!.time) > impossibleSpeedMps[next.sport]) continue;
    const away = meters > anchorAccuracyFactor * Math.max(fix.accuracy, next.anchor.accuracy);
    if (away && next.leaving) {
      next.distanceMeters += meters;
      next.anchor = fix;
      next.anchorFixes = 1;
      next.lastMovedAt = fix.time;
      next.leaving = false;
      next.recent.push([fix.time, next.distanceMeters]);
    } else {
      next.leaving = away;
      // Only once standing: while moving, a mean would trail the athlete and lose distance.
      if (!away && fix.time - (next.lastMovedAt ?? -Infinity) > movingWithinSeconds) {
        const share = 1 / ++next.anchorFixes;
        next.anchor = {
          ...next.anchor,
          lat: next.anchor.lat + share * (fix.lat - next.anchor.lat),
          lon: next.anchor.lon + share * (fix.lon - next.anchor.lon),
        };
      }
    }
    const step = fix.time - next.last!.time;
    if (step <= gapSeconds && next.lastMovedAt !== null && fix.time - next.lastMovedAt <= movingWithinSeconds) {
      next.movingTimeSeconds += step;
    }
    next.last = fix;
    while (next.recent.length > 0 && next.recent[0]![0] < fix.time - currentPaceWindowSeconds) next.recent.shift();
  }
  return next;
}

/**
 * The figures to show for a live track. The current speed is measured
 * between the points where distance was counted within the window: from
 * fix to fix, distance grows in steps.
 */
export function liveFigures(track: LiveTrack): LiveFigures {
  const first = track.recent[0];
  const latest = track.recent[track.recent.length - 1];
  const span = first && latest ? latest[0] - first[0] : 0;
  const speed = span > 0 ? (latest![1] - first![1]) / span : 0;
  const currentSpeedMps = speed >= stoppedBelowMps[track.sport] ? speed : 0;
  return {
    distanceMeters: track.distanceMeters,
    movingTimeSeconds: track.movingTimeSeconds,
    currentSpeedMps,
    currentPaceSecondsPerKm: currentSpeedMps > 0 ? 1000 / currentSpeedMps : null,
    averagePaceSecondsPerKm: track.distanceMeters > 0 ? (1000 * track.movingTimeSeconds) / track.distanceMeters : null,
  };
}
