import { axisLogLikelihood, smoothAxis, type AxisObservation, type StepMotion } from './kalman-smoother.js';

/** A fix on a local plane, metres east and north of its origin. */
export interface PlanarFix {
  /** Seconds. */
  time: number;
  east: number;
  north: number;
  /** Standard deviation of the fix on each axis, metres. */
  sigma: number;
}

/** The smoothed track on the plane: positions and velocities at each fix's time. */
export interface PlanarTrack {
  east: number[];
  north: number[];
  /** Metres per second. */
  velocityEast: number[];
  velocityNorth: number[];
}

/** How the athlete moves, for smoothing a track on the plane. */
export interface PlanarModel {
  /** Spectral density of the unmodelled acceleration, m²/s³. */
  accelerationNoise: number;
  /** Each fix's step from the one before; all `moving` when absent. */
  motion?: StepMotion[];
  /** Standard deviation of the speed the athlete sets off at, m/s. */
  startSpeedSigma: number;
}

const eastAxis = (fixes: PlanarFix[]): AxisObservation[] => fixes.map(({ time, east, sigma }) => ({ time, value: east, sigma }));
const northAxis = (fixes: PlanarFix[]): AxisObservation[] => fixes.map(({ time, north, sigma }) => ({ time, value: north, sigma }));

/** Smooths fixes on the plane, east and north each with the same motion model. */
export function smoothPlanar(fixes: PlanarFix[], model: PlanarModel): PlanarTrack {
  const east = smoothAxis(eastAxis(fixes), model);
  const north = smoothAxis(northAxis(fixes), model);
  return { east: east.position, north: north.position, velocityEast: east.velocity, velocityNorth: north.velocity };
}

/** Log-likelihood of the fixes under the motion model (both axes): higher fits better. */
export function planarLogLikelihood(fixes: PlanarFix[], model: PlanarModel): number {
  return axisLogLikelihood(eastAxis(fixes), model) + axisLogLikelihood(northAxis(fixes), model);
}

// Called once per step, many times over: a module binding is far cheaper than a global lookup (notably in jest's VM).
const { hypot } = Math;

/** Straight-line distance on the plane between the smoothed positions `from` and `to`, metres. */
export function planarMeters(track: PlanarTrack, from: number, to: number): number {
  return hypot(track.east[to]! - track.east[from]!, track.north[to]! - track.north[from]!);
}

/**
 * The acceleration noise under which the fixes are likeliest (maximum
 * likelihood): from 1/64 to 4 times the model's, in factors of 2. How agile
 * this athlete is on this track, rather than a guess for the sport.
 */
export function likeliestAccelerationNoise(fixes: PlanarFix[], model: PlanarModel): number {
  let best = model.accelerationNoise;
  let bestLikelihood = -Infinity;
  for (let factor = 1 / 64; factor <= 4; factor *= 2) {
    const accelerationNoise = factor * model.accelerationNoise;
    const likelihood = planarLogLikelihood(fixes, { ...model, accelerationNoise });
    if (likelihood > bestLikelihood) [best, bestLikelihood] = [accelerationNoise, likelihood];
  }
  return best;
}

/**
 * The factor on the fixes' sigmas (1/16 to 2, by 2; no sigma below
 * `minimumSigma`) under which, each with its likeliest acceleration noise,
 * the fixes are likeliest: the noise that the track shows, told apart from
 * the athlete's turns by the motion model.
 */
export function likeliestNoiseScale(fixes: PlanarFix[], model: PlanarModel, minimumSigma: number): number {
  let best = 1;
  let bestLikelihood = -Infinity;
  for (let scale = 1 / 16; scale <= 2; scale *= 2) {
    const scaled = fixes.map((fix) => ({ ...fix, sigma: Math.max(scale * fix.sigma, minimumSigma) }));
    const likelihood = planarLogLikelihood(scaled, { ...model, accelerationNoise: likeliestAccelerationNoise(scaled, model) });
    if (likelihood > bestLikelihood) [best, bestLikelihood] = [scale, likelihood];
  }
  return best;
}
