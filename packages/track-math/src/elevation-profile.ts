import { axisLogLikelihood, smoothAxis, type AxisObservation } from './kalman-smoother.js';

/** One stretch of track (between pauses) for the elevation profile. */
export interface ElevationSeries {
  /** Metres along the smoothed track at each fix. */
  alongMeters: number[];
  /** The elevation each fix recorded, null where it recorded none. */
  elevations: (number | null)[];
}

/** The smoothed profile: an elevation at every fix of every series, and how uncertain it still is. */
export interface ElevationProfile {
  elevations: number[][];
  /** Typical standard deviation of a smoothed elevation, metres. */
  uncertaintyMeters: number;
}

/** Elevations are never taken to be known better than this (barometric and FIT resolution). @default 0.5 m */
const minimumElevationNoiseMeters = 0.5;
/** An elevation this many sigmas off the smoothed profile is an outlier. */
const elevationOutlierSigmas = 4;
/** The sigma an outlier or a missing elevation is given: the smoother then all but ignores it. */
const ignoredSigmaMeters = 1e4;
/** Candidate roughness of the terrain (spectral density of the change of grade, m²/m³), coarse to fine. */
const roughnessGrid = Array.from({ length: 14 }, (_, index) => 1e-9 * 4 ** index);

/**
 * Smooths elevation as a function of distance along the track, not of time:
 * the terrain does not depend on the pace, and every fix taken while standing
 * tells the same elevation. The noise of the elevations is estimated from
 * the data (a median of second differences, robust to hills and spikes);
 * the roughness of the terrain is the one under which the elevations are
 * likeliest, shared by all series; spikes are left out against the profile.
 * Null when no fix has an elevation.
 */
export function smoothElevationProfile(series: ElevationSeries[]): ElevationProfile | null {
  if (!series.some(({ elevations }) => elevations.some((elevation) => elevation !== null))) return null;
  const noise = Math.max(minimumElevationNoiseMeters, elevationNoiseMeters(series));
  let sigmas = series.map(({ elevations }) => elevations.map((elevation) => (elevation === null ? ignoredSigmaMeters : noise)));
  let { roughness, smoothed } = fittedProfile(series, sigmas);
  // Twice: a big spike pulls the first profile towards it and can hide a smaller one.
  for (let pass = 0; pass < 2; pass++) {
    const next = series.map(({ elevations }, index) =>
      elevations.map((elevation, at) => {
        if (elevation === null) return ignoredSigmaMeters;
        const spread = Math.sqrt(noise ** 2 + smoothed[index]!.positionVariance[at]!);
        return Math.abs(elevation - smoothed[index]!.position[at]!) > elevationOutlierSigmas * spread ? ignoredSigmaMeters : noise;
      }),
    );
    if (next.every((stretch, index) => stretch.every((sigma, at) => sigma === sigmas[index]![at]))) break;
    sigmas = next;
    ({ roughness, smoothed } = fittedProfile(series, sigmas, roughness));
  }
  const variances = smoothed.flatMap(({ positionVariance }) => positionVariance).sort((a, b) => a - b);
  return {
    elevations: smoothed.map(({ position }) => position),
    uncertaintyMeters: Math.sqrt(variances[Math.floor(variances.length / 2)] ?? 0),
  };
}

/** Each series smoothed with the terrain roughness under which all of them are likeliest (searched near `near`, if given). */
function fittedProfile(series: ElevationSeries[], sigmas: number[][], near?: number) {
  const observations = series.map(({ alongMeters, elevations }, index) =>
    elevations.map((elevation, at) => ({ time: alongMeters[at]!, value: elevation ?? 0, sigma: sigmas[index]![at]! })),
  );
  const roughness = likeliestRoughness(observations, near);
  return { roughness, smoothed: observations.map((stretch) => smoothAxis(stretch, { accelerationNoise: roughness })) };
}

/**
 * The noise of recorded elevations: each one's departure from the line
 * through its neighbours, scaled to the noise of one elevation, and the
 * median of their squares (a χ² of one degree has median 0.455). Hills bend
 * that line far less than the noise over a few metres; spikes only touch
 * the tail.
 */
export function elevationNoiseMeters(series: ElevationSeries[]): number {
  const squares: number[] = [];
  for (const { alongMeters, elevations } of series) {
    const known = elevations.flatMap((elevation, index) => (elevation === null ? [] : [{ along: alongMeters[index]!, elevation }]));
    for (let index = 1; index < known.length - 1; index++) {
      const before = known[index - 1]!;
      const here = known[index]!;
      const after = known[index + 1]!;
      const span = after.along - before.along;
      const share = span > 0 ? (here.along - before.along) / span : 0.5;
      const departure = here.elevation - ((1 - share) * before.elevation + share * after.elevation);
      squares.push(departure ** 2 / (1 + (1 - share) ** 2 + share ** 2));
    }
  }
  if (squares.length === 0) return minimumElevationNoiseMeters;
  squares.sort((a, b) => a - b);
  return Math.sqrt(squares[Math.floor(squares.length / 2)]! / 0.4549);
}

/**
 * Climb and descent along a profile, from each turning point to the next:
 * a reversal counts once the profile has come back by the hysteresis from
 * its extreme, and then the whole swing counts. Swings smaller than the
 * hysteresis are noise and count nothing; no real climb is cut short.
 */
export function climbMeters(elevations: number[], hysteresisMeters: number): { gain: number; loss: number } {
  let gain = 0;
  let loss = 0;
  let low = elevations[0] ?? 0;
  let high = low;
  // Climbing (1) from `low` to the highest point yet, `high`, or descending (-1) from `high` to `low`.
  let direction = 0;
  for (const elevation of elevations) {
    if (direction >= 0 && elevation > high) high = elevation;
    else if (direction <= 0 && elevation < low) low = elevation;
    if (direction >= 0 && high - elevation >= hysteresisMeters && high > elevation) {
      if (direction > 0) gain += high - low;
      [direction, low] = [-1, elevation];
    } else if (direction <= 0 && elevation - low >= hysteresisMeters && elevation > low) {
      if (direction < 0) loss += high - low;
      [direction, high] = [1, elevation];
    }
  }
  if (direction > 0) gain += high - low;
  if (direction < 0) loss += high - low;
  return { gain, loss };
}

/**
 * The roughness under which all series are likeliest: over the whole grid,
 * then halfway to the best one's neighbours; or, given a roughness found
 * before, only around it.
 */
function likeliestRoughness(observations: AxisObservation[][], near?: number): number {
  const likelihood = (roughness: number) =>
    observations.reduce((sum, stretch) => sum + axisLogLikelihood(stretch, { accelerationNoise: roughness }), 0);
  let best = near ?? roughnessGrid[0]!;
  let bestLikelihood = near === undefined ? -Infinity : likelihood(near);
  for (const roughness of near === undefined ? roughnessGrid : [near / 4, near * 4]) {
    const value = likelihood(roughness);
    if (value > bestLikelihood) [best, bestLikelihood] = [roughness, value];
  }
  for (const roughness of [best / 2, best * 2]) {
    const value = likelihood(roughness);
    if (value > bestLikelihood) [best, bestLikelihood] = [roughness, value];
  }
  return best;
}
