import { axisLogLikelihood, smoothAxis, type AxisObservation, type StepMotion } from './kalman-smoother.js';
import { seededRandom } from './random.js';

/** One axis of a walk at 1.4 m/s that stands still from 100 s to 160 s, a fix a second with 5 m noise. */
function walkWithStop(seed = 1): { observations: AxisObservation[]; truth: number[] } {
  const random = seededRandom(seed);
  const truth = Array.from({ length: 260 }, (_, time) => 1.4 * Math.min(time, 100) + 1.4 * Math.max(0, time - 160));
  return { observations: truth.map((value, time) => ({ time, value: value + random.gaussian(5), sigma: 5 })), truth };
}

/** Each step's motion for a stop whose first standing fix is `first` and last `last`. */
const stopAt = (first: number, last: number, count = 260): StepMotion[] =>
  Array.from({ length: count }, (_, index) =>
    index === first ? 'arriving' : index > first && index <= last ? 'standing' : index === last + 1 ? 'starting' : 'moving',
  );

const rms = (values: number[]) => Math.sqrt(values.reduce((sum, value) => sum + value * value, 0) / values.length);

describe('Kalman/RTS smoother on one axis', () => {
  it('brings noisy fixes of a steady walk far closer to the path than the fixes are', () => {
    const { observations, truth } = walkWithStop();
    const { position } = smoothAxis(observations, { accelerationNoise: 0.02, motion: stopAt(100, 160) });
    expect(rms(position.map((value, index) => value - truth[index]!))).toBeLessThan(
      0.3 * rms(observations.map((o, i) => o.value - truth[i]!)),
    );
  });

  it('holds the position still over standing steps, with no speed, and sets off again after', () => {
    const { observations } = walkWithStop();
    const { position, velocity } = smoothAxis(observations, { accelerationNoise: 0.02, motion: stopAt(100, 160) });
    for (let index = 101; index <= 160; index++) {
      expect(position[index]).toBeCloseTo(position[100]!, 6);
      expect(Math.abs(velocity[index]!)).toBeLessThan(1e-3);
    }
    expect(velocity[200]).toBeGreaterThan(1);
  });

  it('finds the fixes likelier under the stop that happened than under one a few seconds off', () => {
    const { observations } = walkWithStop(3);
    const likelihood = (first: number, last: number) =>
      axisLogLikelihood(observations, { accelerationNoise: 0.02, startSpeedSigma: 2, motion: stopAt(first, last) });
    expect(likelihood(100, 160)).toBeGreaterThan(likelihood(92, 160));
    expect(likelihood(100, 160)).toBeGreaterThan(likelihood(100, 168));
  });

  it('grows less sure of a position the further it is from the fixes, as across a gap', () => {
    const observations = Array.from({ length: 100 }, (_, time) => ({ time: time < 50 ? time : time + 60, value: time, sigma: 3 }));
    const { positionVariance } = smoothAxis(observations, { accelerationNoise: 0.1 });
    expect(positionVariance[49]).toBeGreaterThan(positionVariance[25]!);
    expect(positionVariance[25]).toBeLessThan(9);
  });
});
