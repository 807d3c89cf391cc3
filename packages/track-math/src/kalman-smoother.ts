/**
 * A constant-velocity Kalman filter with a Rauch–Tung–Striebel backward pass,
 * on one axis: the best estimate of each position given every fix, before and
 * after it. Used per axis (east, north, up) on a recorded track.
 */
export interface AxisObservation {
  /** Seconds. */
  time: number;
  value: number;
  /** Standard deviation of the observation. */
  sigma: number;
}

/**
 * How the athlete moved over the step from the previous observation to this
 * one: `moving` at a smoothly changing speed; `arriving` at a stop somewhere
 * along the step, so it ends standing; `standing` still, so the position did
 * not change and the speed is zero; `starting` off from standing, at a speed
 * nothing before tells.
 */
export type StepMotion = 'moving' | 'arriving' | 'standing' | 'starting';

/** How the athlete moves along the axis. */
export interface AxisModel {
  /**
   * Spectral density of the unmodelled acceleration (m²/s³): how quickly the
   * athlete may change speed while moving.
   */
  accelerationNoise: number;
  /** Each observation's step, from the one before; all `moving` when absent. */
  motion?: StepMotion[];
  /** Standard deviation of the speed an athlete sets off at, or starts the track with, m/s. @default 10 */
  startSpeedSigma?: number;
}

/** The smoothed track on one axis. */
export interface SmoothedAxis {
  /** At each observation's time. */
  position: number[];
  /** Per second, at each observation's time. */
  velocity: number[];
  /** Variance of each smoothed position: how uncertain it still is. */
  positionVariance: number[];
  /** Log-likelihood of the observations under the model (forward pass): higher fits better. */
  logLikelihood: number;
}

// Read in the hot loop: a module binding is far cheaper than a global lookup (notably in jest's VM).
const { log } = Math;
const twoPi = 2 * Math.PI;

// A standing athlete's speed is zero; a tiny variance keeps the predicted covariance invertible for RTS.
const standingSpeedVariance = 1e-9;

/**
 * The forward pass. Each state is [position, velocity] with covariance
 * [[a, b], [b, c]]; each step's transition is x' = x + f01·v, v' = f11·v plus
 * noise of covariance [[q00, q01], [q01, q11]]. Kept in typed arrays of plain
 * numbers: a track has thousands of fixes and is filtered many times over.
 * Without `keep`, only the log-likelihood is computed.
 */
function filterAxis(observations: AxisObservation[], model: AxisModel, keep: boolean) {
  const n = observations.length;
  const q = model.accelerationNoise;
  const startSpeedVariance = (model.startSpeedSigma ?? 10) ** 2;
  // Per observation: filtered and predicted [x, v, a, b, c], and the transition into it [f01, f11].
  const filtered = keep ? new Float64Array(5 * n) : null;
  const predicted = keep ? new Float64Array(5 * n) : null;
  const transitions = keep ? new Float64Array(2 * n) : null;
  let x = observations[0]!.value;
  let v = 0;
  let a = observations[0]!.sigma ** 2;
  let b = 0;
  let c = startSpeedVariance;
  let logLikelihood = 0;
  for (let index = 0; index < n; index++) {
    const observation = observations[index]!;
    if (index > 0) {
      const elapsed = observation.time - observations[index - 1]!.time;
      const dt = elapsed > 1e-3 ? elapsed : 1e-3;
      const motion = model.motion?.[index] ?? 'moving';
      let f01 = dt;
      let f11 = 1;
      let q00 = (q * dt * dt * dt) / 3;
      let q01 = (q * dt * dt) / 2;
      let q11 = q * dt;
      if (motion === 'standing') {
        f01 = f11 = q00 = q01 = 0;
        q11 = standingSpeedVariance;
      } else if (motion === 'arriving') {
        // Moving for an unknown share of the step (uniform: half on average, variance 1/12), then standing.
        f01 = dt / 2;
        f11 = q01 = 0;
        q00 += (dt * dt * startSpeedVariance) / 12;
        q11 = standingSpeedVariance;
      } else if (motion === 'starting') {
        // From standing, at a speed nothing before tells (variance startSpeedVariance).
        f01 = f11 = 0;
        q00 += dt * dt * startSpeedVariance;
        q01 += dt * startSpeedVariance;
        q11 += startSpeedVariance;
      }
      x += f01 * v;
      v *= f11;
      const a2 = a + 2 * f01 * b + f01 * f01 * c + q00;
      const b2 = f11 * (b + f01 * c) + q01;
      c = f11 * f11 * c + q11;
      a = a2;
      b = b2;
      if (transitions) {
        transitions[2 * index] = f01;
        transitions[2 * index + 1] = f11;
      }
    }
    if (predicted) store(predicted, index, x, v, a, b, c);
    const s = a + observation.sigma ** 2;
    const residual = observation.value - x;
    if (index > 0) logLikelihood -= 0.5 * (log(twoPi * s) + (residual * residual) / s);
    const gainX = a / s;
    const gainV = b / s;
    x += gainX * residual;
    v += gainV * residual;
    c -= gainV * b;
    b *= 1 - gainX;
    a *= 1 - gainX;
    if (filtered) store(filtered, index, x, v, a, b, c);
  }
  return { filtered, predicted, transitions, logLikelihood };
}

function store(states: Float64Array, index: number, x: number, v: number, a: number, b: number, c: number): void {
  const at = 5 * index;
  states[at] = x;
  states[at + 1] = v;
  states[at + 2] = a;
  states[at + 3] = b;
  states[at + 4] = c;
}

/**
 * Log-likelihood of the observations under the model (the forward pass
 * alone), by which two models of the same observations (say, a stop starting
 * one fix earlier or later) are compared: higher fits better.
 */
export function axisLogLikelihood(observations: AxisObservation[], model: AxisModel): number {
  return observations.length === 0 ? 0 : filterAxis(observations, model, false).logLikelihood;
}

/** Filters and smooths one axis: each position and velocity given every observation. */
export function smoothAxis(observations: AxisObservation[], model: AxisModel): SmoothedAxis {
  const n = observations.length;
  if (n === 0) return { position: [], velocity: [], positionVariance: [], logLikelihood: 0 };
  const { filtered: f, predicted: p, transitions: t, logLikelihood } = filterAxis(observations, model, true);
  const position = new Array<number>(n);
  const velocity = new Array<number>(n);
  const positionVariance = new Array<number>(n);
  const filtered = f!;
  const predicted = p!;
  const transitions = t!;
  let sx = filtered[5 * (n - 1)]!;
  let sv = filtered[5 * (n - 1) + 1]!;
  let sa = filtered[5 * (n - 1) + 2]!;
  let sb = filtered[5 * (n - 1) + 3]!;
  let sc = filtered[5 * (n - 1) + 4]!;
  position[n - 1] = sx;
  velocity[n - 1] = sv;
  positionVariance[n - 1] = sa;
  for (let index = n - 2; index >= 0; index--) {
    const at = 5 * index;
    const fx = filtered[at]!;
    const fv = filtered[at + 1]!;
    const fa = filtered[at + 2]!;
    const fb = filtered[at + 3]!;
    const fc = filtered[at + 4]!;
    const px = predicted[at + 5]!;
    const pv = predicted[at + 6]!;
    const pa = predicted[at + 7]!;
    const pb = predicted[at + 8]!;
    const pc = predicted[at + 9]!;
    const f01 = transitions[2 * index + 2]!;
    const f11 = transitions[2 * index + 3]!;
    // Gain C = P_f · Fᵀ · P_p⁻¹; then x_s = x_f + C (x_s' − x_p'), P_s = P_f + C (P_s' − P_p') Cᵀ.
    const det = pa * pc - pb * pb;
    const g00 = fa + f01 * fb;
    const g01 = f11 * fb;
    const g10 = fb + f01 * fc;
    const g11 = f11 * fc;
    const c00 = (g00 * pc - g01 * pb) / det;
    const c01 = (g01 * pa - g00 * pb) / det;
    const c10 = (g10 * pc - g11 * pb) / det;
    const c11 = (g11 * pa - g10 * pb) / det;
    const dx = sx - px;
    const dv = sv - pv;
    const da = sa - pa;
    const db = sb - pb;
    const dc = sc - pc;
    sx = fx + c00 * dx + c01 * dv;
    sv = fv + c10 * dx + c11 * dv;
    sa = fa + (c00 * da + c01 * db) * c00 + (c00 * db + c01 * dc) * c01;
    sb = fb + (c00 * da + c01 * db) * c10 + (c00 * db + c01 * dc) * c11;
    sc = fc + (c10 * da + c11 * db) * c10 + (c10 * db + c11 * dc) * c11;
    position[index] = sx;
    velocity[index] = sv;
    positionVariance[index] = sa;
  }
  return { position, velocity, positionVariance, logLikelihood };
}
