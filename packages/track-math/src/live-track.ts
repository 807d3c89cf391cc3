import type { Sport } from '@pacegraph/activity-rules';
import { distanceMeters } from './geodesy.js';
import type { ActivityStats } from './stats.js';
import { impossibleSpeedMps, stoppedBelowMps } from './sports.js';
import type { TrackPoint } from './track-point.js';
import { defaultAccuracyMeters, maxUsableAccuracyMeters } from './segment-smoothing.js';

/**
 * Live figures while an activity records, updated fix by fix as batches
 * arrive: what the athlete and their watchers see. Two parts, so that the
 * live figures are the saved stats' own: the whole-track analysis
 * (`computeActivityStats`, the one that gives the saved stats) of the fixes
 * up to some point (`analyzed`), and a causal, cheap count (each fix once, in
 * seq order) of the fixes after it. The analysis is redone whenever the fixes
 * since outgrow it by 2% (`liveTrackNeedsAnalysis`), so the causal part
 * is never more than a small share of the figures, and the cost of all the
 * analyses of an activity is a fixed multiple of one. Plain data, so any
 * instance can carry it on.
 */
export interface LiveTrack {
  sport: Sport;
  /** The highest seq taken in; null before the first fix. */
  lastSeq: number | null;
  /** Fixes taken in (in seq order, each once). */
  fixCount: number;
  /** The causal count of distance and moving time over every fix taken in. */
  distanceMeters: number;
  movingTimeSeconds: number;
  /** The latest whole-track analysis, and where the causal count stood then; null before one. */
  analyzed: LiveAnalysis | null;
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

/** The whole-track analysis of a live track's first `fixCount` fixes. */
export interface LiveAnalysis {
  fixCount: number;
  distanceMeters: number;
  movingTimeSeconds: number;
  elevationGainMeters: number;
  /** The causal count at those fixes: what it adds after them is added to the analysis. */
  causalDistanceMeters: number;
  causalMovingTimeSeconds: number;
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
  /** Climb as of the latest whole-track analysis (none is counted causally). */
  elevationGainMeters: number;
}

/** The current pace is distance over about this long, not one fix's speed. @default 30 s */
export const currentPaceWindowSeconds = 30;
/** A fix is clearly away from the anchor this many times their accuracy from it. */
const anchorAccuracyFactor = 3;
/** The anchor has moved within this long: the athlete is moving. @default 15 s */
const movingWithinSeconds = 15;
/** A step longer than this (lost signal, a pause) adds distance but no moving time. @default 30 s */
const gapSeconds = 30;
/**
 * The analysis is redone once the fixes, distance or moving time counted
 * causally since it grow past this share of it: the causal count, a few
 * percent off the analysis on its own, then moves the figures by well under
 * 1%, and the analyses of an activity cost about 1 / share of one. @default 0.02
 */
const causalShare = 0.02;
/** The causal count is scaled to the analysis by at most this factor either way: early on, with few fixes, their ratio means little. */
const maxCausalScale = 2;

/** A live track with nothing taken in yet. */
export function emptyLiveTrack(sport: Sport): LiveTrack {
  return {
    sport,
    lastSeq: null,
    fixCount: 0,
    distanceMeters: 0,
    movingTimeSeconds: 0,
    analyzed: null,
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
    next.fixCount++;
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
 * Whether the live track's fixes have outgrown its latest analysis (or it has
 * none): the caller then analyses the fixes taken in (`computeActivityStats`)
 * and hands the stats to `analyzedLiveTrack`.
 */
export function liveTrackNeedsAnalysis(track: LiveTrack): boolean {
  const analyzed = track.analyzed;
  if (!analyzed) return track.fixCount > 0;
  const grown = (since: number, base: number) => since > 0 && since > causalShare * base;
  return (
    grown(track.fixCount - analyzed.fixCount, analyzed.fixCount) ||
    grown(track.distanceMeters - analyzed.causalDistanceMeters, analyzed.distanceMeters) ||
    grown(track.movingTimeSeconds - analyzed.causalMovingTimeSeconds, analyzed.movingTimeSeconds)
  );
}

/**
 * Takes in a batch of fixes as `advanceLiveTrack` does and, when the fixes
 * have then outgrown the latest analysis, analyses them (`analyze`, given the
 * last seq taken in: the stats of the fixes up to it, or null when they
 * cannot be had). At the batch's end: a causal count over a few fixes lags
 * the athlete by up to a step, and the figures shown after a batch are best
 * analysed. The server's live feed calls it per batch, the phone's recorder
 * per fix (its figures match the server's wherever both analysed last).
 */
export function advanceAnalyzedLiveTrack(
  track: LiveTrack,
  points: readonly TrackPoint[],
  analyze: (lastSeq: number) => Pick<ActivityStats, 'distanceMeters' | 'movingTimeSeconds' | 'elevationGainMeters'> | null,
): LiveTrack {
  const next = advanceLiveTrack(track, points);
  const stats = liveTrackNeedsAnalysis(next) ? analyze(next.lastSeq!) : null;
  return stats ? analyzedLiveTrack(next, stats) : next;
}

/**
 * The live track with the stats of its first `fixCount` fixes (every fix it
 * has taken in, when omitted), analysed as the saved stats are: its figures
 * are those stats plus what the causal count added after them. `causal` is
 * the track as it stood at those fixes, when it has taken in more since.
 */
export function analyzedLiveTrack(
  track: LiveTrack,
  stats: Pick<ActivityStats, 'distanceMeters' | 'movingTimeSeconds' | 'elevationGainMeters'>,
  causal: Pick<LiveTrack, 'fixCount' | 'distanceMeters' | 'movingTimeSeconds'> = track,
): LiveTrack {
  return {
    ...track,
    recent: [...track.recent],
    analyzed: {
      fixCount: causal.fixCount,
      distanceMeters: stats.distanceMeters,
      movingTimeSeconds: stats.movingTimeSeconds,
      elevationGainMeters: stats.elevationGainMeters,
      causalDistanceMeters: causal.distanceMeters,
      causalMovingTimeSeconds: causal.movingTimeSeconds,
    },
  };
}

/**
 * The figures to show for a live track: the latest analysis plus the causal
 * count since. The current speed is measured between the points where
 * distance was counted within the window: from fix to fix, distance grows in
 * steps.
 */
export function liveFigures(track: LiveTrack): LiveFigures {
  const first = track.recent[0];
  const latest = track.recent[track.recent.length - 1];
  const span = first && latest ? latest[0] - first[0] : 0;
  const speed = span > 0 ? (latest![1] - first![1]) / span : 0;
  const currentSpeedMps = speed >= stoppedBelowMps[track.sport] ? speed : 0;
  // Tracks kept before the analysis was added have none.
  const analyzed = track.analyzed ?? null;
  const distance = analyzed
    ? onAnalysis(analyzed.distanceMeters, analyzed.causalDistanceMeters, track.distanceMeters)
    : track.distanceMeters;
  const moving = analyzed
    ? onAnalysis(analyzed.movingTimeSeconds, analyzed.causalMovingTimeSeconds, track.movingTimeSeconds)
    : track.movingTimeSeconds;
  return {
    distanceMeters: distance,
    movingTimeSeconds: moving,
    currentSpeedMps,
    currentPaceSecondsPerKm: currentSpeedMps > 0 ? 1000 / currentSpeedMps : null,
    // As the saved stats reckon it, so that equal figures give an equal pace.
    averagePaceSecondsPerKm: distance > 0 ? moving / (distance / 1000) : null,
    elevationGainMeters: analyzed?.elevationGainMeters ?? 0,
  };
}

/**
 * A figure of the analysis carried on by the causal count since: what the
 * causal count added, scaled by how the analysis compared with it over the
 * analysed fixes. The causal count's errors are the track's own (its
 * sampling, its noise), so the same share off on the fixes after.
 */
function onAnalysis(analyzed: number, causalThen: number, causalNow: number): number {
  const scale = causalThen > 0 ? Math.min(maxCausalScale, Math.max(1 / maxCausalScale, analyzed / causalThen)) : 1;
  return analyzed + scale * (causalNow - causalThen);
}
