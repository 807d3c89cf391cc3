import type { Sport } from '@pacegraph/activity-rules';
import type { StepMotion } from './kalman-smoother.js';
import { LocalPlane } from './local-plane.js';
import { cruisingSpeeds, stepMovingSeconds } from './moving-time.js';
import {
  likeliestAccelerationNoise,
  likeliestNoiseScale,
  planarMeters,
  smoothPlanar,
  type PlanarFix,
  type PlanarTrack,
} from './planar-track.js';
import { stoppedBelowMps } from './sports.js';
import { findStops, stepMotions, type StopModel } from './stop-detection.js';
import type { TrackPoint } from './track-point.js';
import type { SmoothedPoint } from './track-smoothing.js';

/** Fixes reported worse than this are dropped. @default 30 m */
export const maxUsableAccuracyMeters = 30;
/** Sigma assumed for a fix that reports no accuracy, before the track tells its own. @default 6 m */
export const defaultAccuracyMeters = 6;
/** No fix is taken to be better than this, whatever it reports. @default 0.2 m */
const minimumAccuracyMeters = 0.2;
/** A fix this many sigmas from the smoothed track of the others is an outlier. */
const outlierSigmas = 3.5;
/**
 * ...but never one this close to it: device files carry filtered fixes with
 * centimetres of noise, and a track that has not yet learnt of a sudden start
 * misses them by a few metres. A glitch is tens of metres. @default 10 m
 */
const minimumOutlierMeters = 10;
/**
 * Unmodelled acceleration of the athlete (m²/s³: how fast speed and heading
 * may change), before the track tells its own: for finding outliers and stops,
 * and the middle of the range searched for the likeliest.
 */
const accelerationNoise: Record<Sport, number> = { RUN: 0.3, RIDE: 1.5, WALK: 0.02, HIKE: 0.015 };
/** Roughly the speed an athlete of the sport sets off at: the spread of the speed after a stop, m/s. */
const startSpeedSigma: Record<Sport, number> = { RUN: 4, RIDE: 8, WALK: 2, HIKE: 2 };
/** Standing shorter than this is a slow step, not a stop: its distance counts. */
const minimumStopSeconds = 20;
/**
 * The final track follows the athlete this many times more keenly than the
 * likeliest acceleration noise. With the likeliest, a path comes out short:
 * the rare tight turn is cut. Measured on synthetic tracks of known length
 * (no stops, gaps or outliers; every sport, 1-5 s sampling, 3-10 m noise),
 * twice the likeliest leaves the length unbiased (within 0.2%).
 */
const agilityFactor = 2;
/**
 * A moving athlete is reckoned from the nearest fix to the timer's event for
 * at most this long: a fix comes every few seconds, and a longer wait (for a
 * first GPS lock, say) is as likely spent standing as moving. @default 60 s
 */
const maxReckonedSeconds = 60;

/** One segment (between pauses) smoothed on the plane, with what the elevation profile needs. */
export interface SmoothedSegment {
  /** The smoothed points; their elevations are still to come. */
  points: SmoothedPoint[];
  /** Metres along the smoothed track at each point. */
  alongMeters: number[];
  /** The elevation recorded at each point, null where none was (or for a reckoned point). */
  elevations: (number | null)[];
}

/**
 * Smooths one segment of fixes: noise from the reported accuracy (or, where
 * none is reported, from the track itself), outliers left out, stops found,
 * the athlete's agility fitted, and the track smoothed knowing all of it.
 * `timer` gives the timer's events around the segment (seconds; infinite
 * where unknown), to which a moving athlete is reckoned.
 */
export function smoothSegment(points: TrackPoint[], sport: Sport, timer: { opened: number; closed: number }): SmoothedSegment {
  const plane = new LocalPlane(points[0]!);
  const unreported = points.some((point) => point.accuracy == null);
  const noise = unreported ? estimatedNoiseMeters(points.map((point) => plane.toPlane(point))) : defaultAccuracyMeters;
  const minimumSigma = minimumAccuracyMeters / Math.SQRT2;
  let fixes: PlanarFix[] = points.map((point) => ({
    time: point.time.getTime() / 1000,
    ...plane.toPlane(point),
    // Accuracy is a radius; the filter wants each axis' sigma.
    sigma: Math.max(point.accuracy ?? noise, minimumAccuracyMeters) / Math.SQRT2,
  }));
  const model = { accelerationNoise: accelerationNoise[sport], startSpeedSigma: startSpeedSigma[sport] };
  const stopModel = { ...model, stopSpeedMps: stoppedBelowMps[sport], minimumStopSeconds };
  let { kept, motion } = withoutOutliers(fixes, stopModel);
  if (unreported) {
    // Second differences over sparse fixes also see the athlete's turns: the noise under which the
    // fixes are likeliest, with the athlete's agility, tells the two apart.
    const scale = likeliestNoiseScale(
      kept.map((index) => fixes[index]!),
      { ...model, motion },
      minimumSigma,
    );
    fixes = fixes.map((fix, index) =>
      points[index]!.accuracy == null ? { ...fix, sigma: Math.max(scale * fix.sigma, minimumSigma) } : fix,
    );
    ({ kept, motion } = withoutOutliers(fixes, stopModel));
  }
  const inliers = kept.map((index) => fixes[index]!);
  const agility = likeliestAccelerationNoise(inliers, { ...model, motion });
  const track = smoothPlanar(inliers, { ...model, motion, accelerationNoise: agilityFactor * agility });
  const movingSeconds = stepMovingSeconds(inliers, track, motion);
  const alongMeters: number[] = [];
  let along = 0;
  const smoothed = kept.map((pointIndex, index): SmoothedPoint => {
    if (index > 0) along += planarMeters(track, index - 1, index);
    alongMeters.push(along);
    const { lat, lon } = plane.toLatLon(track.east[index]!, track.north[index]!);
    const moving = index > 0 && motion[index] !== 'standing';
    return {
      seq: points[pointIndex]!.seq,
      time: inliers[index]!.time,
      lat,
      lon,
      elevation: null,
      moving,
      movingSeconds: movingSeconds[index]!,
    };
  });
  const segment = { points: smoothed, alongMeters, elevations: kept.map((index) => points[index]!.elevation ?? null) };
  reckonToTimer(segment, { plane, fixes: inliers, track, motion }, timer);
  return segment;
}

/**
 * The noise of fixes that report no accuracy, a first estimate from the track
 * itself: for steady motion the second difference of three consecutive
 * positions is noise alone (variance 6σ²), and its median ignores turns and
 * outliers. Device files carry already-filtered positions with little noise;
 * treating them as raw 6 m fixes would smooth real bends away.
 */
export function estimatedNoiseMeters(points: { east: number; north: number }[]): number {
  const radii: number[] = [];
  for (let index = 1; index < points.length - 1; index++) {
    const a = points[index - 1]!;
    const b = points[index]!;
    const c = points[index + 1]!;
    radii.push(Math.hypot(a.east - 2 * b.east + c.east, a.north - 2 * b.north + c.north));
  }
  if (radii.length < 5) return defaultAccuracyMeters;
  radii.sort((x, y) => x - y);
  const median = radii[Math.floor(radii.length / 2)]!;
  // For a 2-D Gaussian second difference (σ√6 per axis), the median radius is σ√6·√(2 ln 2).
  const accuracy = (median / (Math.sqrt(6) * Math.sqrt(2 * Math.LN2))) * Math.SQRT2;
  return Math.min(maxUsableAccuracyMeters, Math.max(minimumAccuracyMeters, accuracy));
}

/**
 * The fixes that are not outliers (their indexes) and the motion of each step
 * between them. An outlier is a fix too far from the smoothed track of the
 * others to be noise; it is left out, and the stops are found without it.
 * A sudden stop or start pulls a track that does not know of it away from
 * true fixes: once the stops are known, every fix is judged again, and one
 * that now fits comes back.
 */
function withoutOutliers(fixes: PlanarFix[], model: StopModel): { kept: number[]; motion: StepMotion[] } {
  let kept = fixes.map((_, index) => index);
  let motion = stepMotions(fixes.length, []);
  let track = smoothPlanar(fixes, model);
  for (let round = 0; round < 3; round++) {
    const positions = positionsAt(
      kept.map((index) => fixes[index]!),
      track,
      fixes,
    );
    const found = fixes.flatMap((fix, index) => {
      const miss = Math.hypot(fix.east - positions[index]!.east, fix.north - positions[index]!.north);
      return miss <= Math.max(outlierSigmas * Math.SQRT2 * fix.sigma, minimumOutlierMeters) ? [index] : [];
    });
    if (found.length < 2 || (round > 0 && found.length === kept.length && found.every((index, at) => index === kept[at]))) break;
    kept = found;
    const fitting = kept.map((index) => fixes[index]!);
    motion = stepMotions(fitting.length, findStops(fitting, smoothPlanar(fitting, model), model));
    track = smoothPlanar(fitting, { ...model, motion });
  }
  return { kept, motion: motion.length === kept.length ? motion : stepMotions(kept.length, []) };
}

/**
 * Where a smoothed track (of `fixes`) places the athlete at each of `times`'
 * times (both sorted by time): straight between its points, held at its ends.
 */
function positionsAt(fixes: PlanarFix[], track: PlanarTrack, times: { time: number }[]): { east: number; north: number }[] {
  let high = 0;
  return times.map(({ time }) => {
    while (high < fixes.length - 1 && fixes[high]!.time < time) high++;
    const low = high > 0 && fixes[high]!.time > time ? high - 1 : high;
    const span = fixes[high]!.time - fixes[low]!.time;
    const share = span > 0 ? Math.min(1, Math.max(0, (time - fixes[low]!.time) / span)) : 0;
    return {
      east: track.east[low]! + share * (track.east[high]! - track.east[low]!),
      north: track.north[low]! + share * (track.north[high]! - track.north[low]!),
    };
  });
}

/**
 * Where the timer started or resumed (paused or stopped) while the athlete
 * was moving before the first fix (after the last), adds a point there: on
 * from the nearest fix along the smoothed heading, at the speed the athlete
 * was cruising at, for at most `maxReckonedSeconds`. The clock ran and the
 * athlete moved, whether or not a fix came.
 */
function reckonToTimer(
  segment: SmoothedSegment,
  smoothed: { plane: LocalPlane; fixes: PlanarFix[]; track: PlanarTrack; motion: StepMotion[] },
  timer: { opened: number; closed: number },
): void {
  const { plane, fixes, track, motion } = smoothed;
  const last = fixes.length - 1;
  if (last < 1) return;
  const cruising = cruisingSpeeds(fixes, track, motion);
  const reckoned = (index: number, time: number, speed: number): SmoothedPoint => {
    const seconds = time - fixes[index]!.time;
    const heading = Math.hypot(track.velocityEast[index]!, track.velocityNorth[index]!) || 1;
    const { lat, lon } = plane.toLatLon(
      track.east[index]! + (seconds * speed * track.velocityEast[index]!) / heading,
      track.north[index]! + (seconds * speed * track.velocityNorth[index]!) / heading,
    );
    return { seq: null, time, lat, lon, elevation: null, moving: true, movingSeconds: Math.abs(seconds) };
  };
  const leadSpeed = motion[1] === 'moving' ? cruising(0, 'after') : null;
  const lead = Math.min(fixes[0]!.time - timer.opened, maxReckonedSeconds);
  if (leadSpeed !== null && Number.isFinite(timer.opened) && lead > 0) {
    segment.points[0] = { ...segment.points[0]!, moving: true, movingSeconds: lead };
    segment.points.unshift({ ...reckoned(0, fixes[0]!.time - lead, leadSpeed), moving: false, movingSeconds: 0 });
    segment.alongMeters = [0, ...segment.alongMeters.map((along) => along + lead * leadSpeed)];
    segment.elevations.unshift(null);
  }
  const tailSpeed = motion[last] === 'moving' ? cruising(last + 1, 'before') : null;
  const tail = Math.min(timer.closed - fixes[last]!.time, maxReckonedSeconds);
  if (tailSpeed !== null && Number.isFinite(timer.closed) && tail > 0) {
    segment.points.push(reckoned(last, fixes[last]!.time + tail, tailSpeed));
    segment.alongMeters.push(segment.alongMeters[segment.alongMeters.length - 1]! + tail * tailSpeed);
    segment.elevations.push(null);
  }
}
