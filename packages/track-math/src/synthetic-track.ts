import type { Sport } from '@pacegraph/activity-rules';
import { distanceMeters } from './geodesy.js';
import { LocalPlane } from './local-plane.js';
import { seededRandom } from './random.js';
import type { Pause } from './stats.js';
import type { TrackPoint } from './track-point.js';

export interface SyntheticTrackOptions {
  seed: number;
  sport: Sport;
  /** Time spent moving, seconds. */
  movingSeconds: number;
  /** Seconds between fixes. */
  samplingSeconds: number;
  /** Radial RMS of the GPS noise, metres. */
  noiseMeters: number;
  /** Standing still (an automatic stop), with the phone recording jitter. */
  stops: number;
  stopSeconds: [number, number];
  /** Explicit pauses, during which the athlete may still walk about. */
  pauses: number;
  /** Share of fixes thrown 50-300 m off. @default 0.01 */
  outlierRate?: number;
  /** Stretches without fixes (tunnels, trees), 10-60 s. */
  gaps: number;
}

export interface SyntheticTrack {
  points: TrackPoint[];
  pauses: Pause[];
  startedAt: Date;
  endedAt: Date;
  /** What really happened, for comparison. */
  truth: { distanceMeters: number; movingTimeSeconds: number; elevationGainMeters: number };
}

const cruisingSpeedMps: Record<Sport, number> = { RUN: 3.0, RIDE: 7.5, WALK: 1.4, HIKE: 1.1 };

type Phase = { kind: 'move' | 'stop' | 'pause'; seconds: number };

/**
 * A track whose truth is known: a path of smoothly varying heading and speed
 * over rolling hills, sampled every few seconds with Gaussian GPS noise,
 * outliers, gaps, stops with jitter and explicit pauses.
 */
export function syntheticTrack(options: SyntheticTrackOptions): SyntheticTrack {
  const random = seededRandom(options.seed);
  const plane = new LocalPlane({ lat: 52.0 + random.between(-5, 5), lon: 5.0 + random.between(-5, 5) });
  const startedAt = new Date(Date.UTC(2026, 5, 1, 7, 0, 0));

  // The plan: moving stretches with stops and pauses between them.
  const interruptions: Phase[] = [
    ...Array.from({ length: options.stops }, () => ({
      kind: 'stop' as const,
      seconds: Math.round(random.between(...options.stopSeconds)),
    })),
    ...Array.from({ length: options.pauses }, () => ({ kind: 'pause' as const, seconds: Math.round(random.between(60, 300)) })),
  ].sort(() => random.next() - 0.5);
  const stretches = interruptions.length + 1;
  const phases: Phase[] = [];
  for (let index = 0; index < stretches; index++) {
    phases.push({ kind: 'move', seconds: Math.round(options.movingSeconds / stretches) });
    if (interruptions[index]) phases.push(interruptions[index]!);
  }

  // Hills: elevation as a function of distance along the path.
  const hills = Array.from({ length: 3 }, () => ({
    amplitude: random.between(5, 25),
    wavelength: random.between(800, 4000),
    phase: random.between(0, 2 * Math.PI),
  }));
  const elevationAt = (along: number) =>
    20 + hills.reduce((sum, hill) => sum + hill.amplitude * Math.sin((2 * Math.PI * along) / hill.wavelength + hill.phase), 0);

  const gaps = new Set<number>();
  const totalSeconds = phases.reduce((sum, phase) => sum + phase.seconds, 0);
  for (let index = 0; index < options.gaps; index++) {
    const from = Math.round(random.between(60, totalSeconds - 120));
    const length = Math.round(random.between(10, 60));
    for (let second = from; second < from + length; second++) gaps.add(second);
  }

  let east = 0;
  let north = 0;
  let heading = random.between(0, 2 * Math.PI);
  let turnRate = 0;
  let along = 0;
  let trueDistance = 0;
  let trueMoving = 0;
  let trueGain = 0;
  let nextFix = 0;
  let seq = 0;
  const axisSigma = options.noiseMeters / Math.SQRT2;
  const points: TrackPoint[] = [];
  const pauses: Pause[] = [];
  let second = 0;
  for (const phase of phases) {
    const phaseStart = second;
    for (let tick = 0; tick < phase.seconds; tick++, second++) {
      const before = plane.toLatLon(east, north);
      const elevationBefore = elevationAt(along);
      if (phase.kind !== 'stop') {
        const speed =
          phase.kind === 'pause'
            ? 0.8 // wandering about while paused: not part of the activity
            : cruisingSpeedMps[options.sport] * (1 + 0.15 * Math.sin(second / 90) + 0.05 * Math.sin(second / 17));
        // Mean-reverting turn rate: mostly gentle curves (radius ~100 m and up), now and then a tight one.
        // Straight through a gap (a tunnel): where no fix shows the path, no algorithm can know its bends.
        turnRate = gaps.has(second) ? 0 : Math.max(-0.08, Math.min(0.08, 0.95 * turnRate + random.gaussian(0.004)));
        heading += turnRate;
        east += speed * Math.sin(heading);
        north += speed * Math.cos(heading);
      }
      const after = plane.toLatLon(east, north);
      const step = distanceMeters(before, after);
      if (phase.kind === 'move') {
        along += step;
        trueDistance += step;
        trueMoving += 1;
        trueGain += Math.max(0, elevationAt(along) - elevationBefore);
      }
      if (phase.kind === 'pause' || second < nextFix || gaps.has(second)) continue;
      nextFix = second + options.samplingSeconds;
      let noiseEast = random.gaussian(axisSigma);
      let noiseNorth = random.gaussian(axisSigma);
      if (random.next() < (options.outlierRate ?? 0.01)) {
        const jump = random.between(50, 300);
        const direction = random.between(0, 2 * Math.PI);
        noiseEast += jump * Math.sin(direction);
        noiseNorth += jump * Math.cos(direction);
      }
      const fix = plane.toLatLon(east + noiseEast, north + noiseNorth);
      points.push({
        seq: seq++,
        time: new Date(startedAt.getTime() + (second + 1) * 1000),
        lat: fix.lat,
        lon: fix.lon,
        elevation: elevationAt(along) + random.gaussian(1.5 * axisSigma),
        accuracy: options.noiseMeters,
      });
    }
    if (phase.kind === 'pause') {
      pauses.push({
        from: new Date(startedAt.getTime() + (phaseStart + 1) * 1000),
        to: new Date(startedAt.getTime() + (second + 1) * 1000),
      });
    }
  }
  return {
    points,
    pauses,
    startedAt,
    endedAt: new Date(startedAt.getTime() + (second + 1) * 1000),
    truth: { distanceMeters: trueDistance, movingTimeSeconds: trueMoving, elevationGainMeters: trueGain },
  };
}

/** The plain sum of distances between raw consecutive fixes: what a naive tracker reports. */
export function naiveDistanceMeters(points: TrackPoint[]): number {
  const sorted = [...points].sort((a, b) => a.time.getTime() - b.time.getTime());
  let total = 0;
  for (let index = 1; index < sorted.length; index++) total += distanceMeters(sorted[index - 1]!, sorted[index]!);
  return total;
}
