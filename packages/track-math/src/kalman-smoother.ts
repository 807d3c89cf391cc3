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
 * Smoothed values at each observation's time. `accelerationNoise` is the
 * spectral density of the unmodelled acceleration (m²/s³): how quickly the
 * athlete may change speed.
 */
export function smoothAxis(observations: AxisObservation[], accelerationNoise: number): number[] {
  const n = observations.length;
  if (n === 0) return [];
  // State [position, velocity] with covariance [[a, b], [b, c]], kept as plain numbers for speed.
  const filtered: [number, number, number, number, number][] = [];
  const predicted: [number, number, number, number, number][] = [];
  let x = observations[0]!.value;
  let v = 0;
  let a = observations[0]!.sigma ** 2;
  let b = 0;
  let c = 100; // unknown speed at first: (10 m/s)²
  for (let index = 0; index < n; index++) {
    const observation = observations[index]!;
    if (index > 0) {
      const dt = Math.max(observation.time - observations[index - 1]!.time, 1e-3);
      const q = accelerationNoise;
      x += v * dt;
      const a2 = a + 2 * dt * b + dt * dt * c + (q * dt ** 3) / 3;
      const b2 = b + dt * c + (q * dt ** 2) / 2;
      const c2 = c + q * dt;
      a = a2;
      b = b2;
      c = c2;
    }
    predicted.push([x, v, a, b, c]);
    const r = observation.sigma ** 2;
    const s = a + r;
    const gainX = a / s;
    const gainV = b / s;
    const residual = observation.value - x;
    x += gainX * residual;
    v += gainV * residual;
    const a3 = (1 - gainX) * a;
    const b3 = (1 - gainX) * b;
    const c3 = c - gainV * b;
    a = a3;
    b = b3;
    c = c3;
    filtered.push([x, v, a, b, c]);
  }
  const smoothed = new Array<number>(n);
  let [sx, sv] = filtered[n - 1]!;
  smoothed[n - 1] = sx;
  for (let index = n - 2; index >= 0; index--) {
    const [fx, fv, fa, fb, fc] = filtered[index]!;
    const [px, pv, pa, pb, pc] = predicted[index + 1]!;
    const dt = Math.max(observations[index + 1]!.time - observations[index]!.time, 1e-3);
    // C = P_f · Fᵀ · P_p⁻¹, with F = [[1, dt], [0, 1]].
    const pfFt = [fa + dt * fb, fb, fb + dt * fc, fc]; // row-major 2×2
    const det = pa * pc - pb * pb;
    const inv = [pc / det, -pb / det, -pb / det, pa / det];
    const c00 = pfFt[0]! * inv[0]! + pfFt[1]! * inv[2]!;
    const c01 = pfFt[0]! * inv[1]! + pfFt[1]! * inv[3]!;
    const c10 = pfFt[2]! * inv[0]! + pfFt[3]! * inv[2]!;
    const c11 = pfFt[2]! * inv[1]! + pfFt[3]! * inv[3]!;
    const dx = sx - px;
    const dv = sv - pv;
    const nx = fx + c00 * dx + c01 * dv;
    const nv = fv + c10 * dx + c11 * dv;
    // Only the smoothed mean is needed downstream, not its covariance.
    sx = nx;
    sv = nv;
    smoothed[index] = nx;
  }
  return smoothed;
}
