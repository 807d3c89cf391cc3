import type { StepMotion } from './kalman-smoother.js';
import { planarLogLikelihood, planarMeters, type PlanarFix, type PlanarModel, type PlanarTrack } from './planar-track.js';

/** A stop: the fixes from `first` to `last` were taken while the athlete stood still. */
export interface Stop {
  first: number;
  last: number;
}

/** How the athlete moves, and what counts as a stop. */
export interface StopModel extends PlanarModel {
  /** Slower than this over the detection window is stopped, m/s. */
  stopSpeedMps: number;
  /** Standing shorter than this is a slow step, not a stop. */
  minimumStopSeconds: number;
}

/** Seconds of track before and after a stop's edge that judge where the edge lies. */
const edgeContextSeconds = 30;
/** How much faster than the stop speed a brief stop's window may move, its fixes being few. */
const briefStopSpeedFactor = 2;
/** How much likelier (natural log) standing must make the fixes around a brief stop than moving on. */
const briefStopLogLikelihood = 3;
/** Smoothed fixes further apart than this many sigmas (of their difference) were not both taken standing. */
const standingStepSigmas = 4;

/**
 * The window over which the smoothed track must move slower than the stop
 * speed to count as standing: long enough that the jitter of a standing
 * athlete's smoothed position stays well under the stop speed. That jitter
 * shrinks with the window as (σ²·Δt)^⅓ / W (σ the fix noise, Δt the sampling
 * interval); the factor was measured on synthetic stops (σ 3-10 m, Δt 1-5 s).
 */
export function stopWindowSeconds(fixes: PlanarFix[], stopSpeedMps: number): number {
  const sigma = median(fixes.map((fix) => fix.sigma));
  const interval = median(fixes.slice(1).map((fix, index) => fix.time - fixes[index]!.time));
  return Math.min(90, Math.max(10, (5 * Math.cbrt(sigma * sigma * interval)) / stopSpeedMps ** (2 / 3)));
}

/**
 * The athlete's stops on a smoothed track. Found where the track moves slower
 * than the stop speed over a window (jitter averages out over it), then each
 * edge placed where a model standing still from that fix on (or up to it)
 * explains the fixes best: the window finds a stop, the likelihood says
 * exactly when it began and ended. A stop shorter than the window, which it
 * cannot see, is looked for with a shorter window and a laxer speed, and kept
 * only where standing explains the fixes better than moving on. A step that
 * moved further than standing allows (a gap in the fixes with a stop inside)
 * ends a stop.
 */
export function findStops(fixes: PlanarFix[], track: PlanarTrack, model: StopModel): Stop[] {
  if (fixes.length < 3) return [];
  const windowSeconds = stopWindowSeconds(fixes, model.stopSpeedMps);
  const slow = slowRuns(fixes, track, windowSeconds, model.stopSpeedMps).map((run) => ({ ...run, certain: true }));
  const brief = slowRuns(fixes, track, model.minimumStopSeconds, briefStopSpeedFactor * model.stopSpeedMps)
    .filter((run) => !slow.some((other) => other.first <= run.last && run.first <= other.last))
    .map((run) => ({ ...run, certain: false }));
  const stops: Stop[] = [];
  for (const core of [...slow, ...brief].sort((a, b) => a.first - b.first)) {
    const previous = stops[stops.length - 1];
    if (previous && core.last <= previous.last) continue;
    // A track that starts (or ends) standing starts (or ends) with the stop: with no moving fixes
    // beyond it, a fix or two there would fit "moving" only by having nothing to contradict them.
    const departed = (stop: Stop) => (stop.last === fixes.length - 1 ? stop.last : departure(fixes, model, stop, windowSeconds));
    if (previous && core.first <= previous.last) {
      // Slow on into where the previous stop was found to end: that stop lasted longer.
      previous.last = departed({ first: previous.first, last: core.last });
      continue;
    }
    const from = previous ? previous.last + 1 : 0;
    const first = core.first === 0 ? 0 : arrival(fixes, model, core, from, windowSeconds);
    const last = departed({ first: Math.max(first, core.first), last: core.last });
    if (last <= first || fixes[last]!.time - fixes[first]!.time < model.minimumStopSeconds) continue;
    if (core.certain || standingFitsBetter(fixes, model, { first, last })) stops.push({ first, last });
  }
  return stops;
}

/** Whether a stop explains the fixes around it better than moving on through it would, by a margin. */
function standingFitsBetter(fixes: PlanarFix[], model: StopModel, stop: Stop): boolean {
  const from = indexAtOrAfter(fixes, fixes[stop.first]!.time - edgeContextSeconds, 0);
  const to = indexAtOrBefore(fixes, fixes[stop.last]!.time + edgeContextSeconds, stop.last);
  const around = fixes.slice(from, to + 1);
  const motion = stepMotions(fixes.length, [stop]).slice(from, to + 1);
  const standing = planarLogLikelihood(around, { ...model, motion });
  const moving = planarLogLikelihood(around, model);
  return standing - moving > briefStopLogLikelihood;
}

/** Each fix's step from the one before, given the stops. */
export function stepMotions(count: number, stops: Stop[]): StepMotion[] {
  const motion = new Array<StepMotion>(count).fill('moving');
  for (const { first, last } of stops) {
    if (first > 0) motion[first] = 'arriving';
    for (let index = first + 1; index <= last; index++) motion[index] = 'standing';
    if (last + 1 < count) motion[last + 1] = 'starting';
  }
  return motion;
}

/**
 * Runs of fixes around which the smoothed track moves slower than the stop
 * speed over the window: from the last fix at least half a window before to
 * the first at least half a window after, so a gap in the fixes widens the
 * window rather than emptying it.
 */
function slowRuns(fixes: PlanarFix[], track: PlanarTrack, windowSeconds: number, stopSpeedMps: number): Stop[] {
  const runs: Stop[] = [];
  let low = 0;
  let high = 0;
  for (let index = 0; index < fixes.length; index++) {
    const time = fixes[index]!.time;
    while (low < index && fixes[low + 1]!.time <= time - windowSeconds / 2) low++;
    while (high < fixes.length - 1 && fixes[high]!.time < time + windowSeconds / 2) high++;
    const seconds = fixes[high]!.time - fixes[low]!.time;
    // At the ends of the track the window is cut short: judge only on at least half of it.
    const slow = seconds >= windowSeconds / 2 && planarMeters(track, low, high) / seconds < stopSpeedMps;
    const run = runs[runs.length - 1];
    if (slow && run && run.last === index - 1 && !movedApart(fixes, track, index)) run.last = index;
    else if (slow) runs.push({ first: index, last: index });
  }
  return runs;
}

/**
 * Whether the step into fix `index` moved further than the noise of its two
 * fixes allows for standing: a gap in the fixes with a stop inside it, say,
 * shows as one slow but real step, and the stops on its two sides are two.
 */
function movedApart(fixes: PlanarFix[], track: PlanarTrack, index: number): boolean {
  const sigma = Math.hypot(fixes[index]!.sigma, fixes[index - 1]!.sigma);
  return planarMeters(track, index - 1, index) > standingStepSigmas * sigma;
}

/**
 * Where the athlete arrived: the first fix of the stop, searched from a
 * window's width before the slow run to half a window into it, the one whose
 * model (moving up to it, standing after) fits the fixes around best.
 */
function arrival(fixes: PlanarFix[], model: StopModel, core: Stop, from: number, windowSeconds: number): number {
  const earliest = indexAtOrAfter(fixes, fixes[core.first]!.time - windowSeconds, from);
  const latest = Math.min(core.last, indexAtOrAfter(fixes, fixes[core.first]!.time + windowSeconds / 2, core.first));
  const context = indexAtOrAfter(fixes, fixes[earliest]!.time - edgeContextSeconds, from);
  const end = Math.min(core.last, indexAtOrAfter(fixes, fixes[latest]!.time + edgeContextSeconds, latest));
  return (
    bestEdge(fixes.slice(context, end + 1), model, earliest - context, latest - context, (first, index) =>
      index < first ? 'moving' : index === first ? 'arriving' : 'standing',
    ) + context
  );
}

/** Where the athlete set off again: the last fix of the stop, found as `arrival` finds the first. */
function departure(fixes: PlanarFix[], model: StopModel, core: Stop, windowSeconds: number): number {
  const earliest = Math.max(core.first, indexAtOrAfter(fixes, fixes[core.last]!.time - windowSeconds / 2, core.first));
  const latest = indexAtOrBefore(fixes, fixes[core.last]!.time + windowSeconds, core.last);
  const context = Math.max(core.first, indexAtOrAfter(fixes, fixes[earliest]!.time - edgeContextSeconds, core.first));
  const end = indexAtOrBefore(fixes, fixes[latest]!.time + edgeContextSeconds, latest);
  return (
    bestEdge(fixes.slice(context, end + 1), model, earliest - context, latest - context, (last, index) =>
      index <= last ? 'standing' : index === last + 1 ? 'starting' : 'moving',
    ) + context
  );
}

/** The candidate edge, from `earliest` to `latest`, under whose motion the fixes are likeliest. */
function bestEdge(
  fixes: PlanarFix[],
  model: StopModel,
  earliest: number,
  latest: number,
  motionAt: (edge: number, index: number) => StepMotion,
): number {
  let best = earliest;
  let bestLikelihood = -Infinity;
  for (let edge = earliest; edge <= latest; edge++) {
    const motion = fixes.map((_, index) => motionAt(edge, index));
    const logLikelihood = planarLogLikelihood(fixes, { ...model, motion });
    if (logLikelihood > bestLikelihood) {
      best = edge;
      bestLikelihood = logLikelihood;
    }
  }
  return best;
}

function indexAtOrAfter(fixes: PlanarFix[], time: number, from: number): number {
  let index = from;
  while (index < fixes.length - 1 && fixes[index]!.time < time) index++;
  return index;
}

function indexAtOrBefore(fixes: PlanarFix[], time: number, from: number): number {
  let index = from;
  while (index < fixes.length - 1 && fixes[index + 1]!.time <= time) index++;
  return index;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
