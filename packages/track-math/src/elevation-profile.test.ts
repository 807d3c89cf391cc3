import { climbMeters, elevationNoiseMeters, smoothElevationProfile, type ElevationSeries } from './elevation-profile.js';
import { seededRandom } from './random.js';

/** Rolling hills (±20 m every km) sampled every 3 m over `meters`, with noise. */
function hills(meters: number, noise: number, seed = 1): { series: ElevationSeries; climbMeters: number } {
  const random = seededRandom(seed);
  const alongMeters = Array.from({ length: Math.floor(meters / 3) }, (_, index) => 3 * index);
  const elevationAt = (along: number) => 100 + 20 * Math.sin((2 * Math.PI * along) / 1000);
  let climb = 0;
  for (let along = 1; along <= alongMeters[alongMeters.length - 1]!; along++)
    climb += Math.max(0, elevationAt(along) - elevationAt(along - 1));
  return {
    series: { alongMeters, elevations: alongMeters.map((along) => elevationAt(along) + random.gaussian(noise)) },
    climbMeters: climb,
  };
}

describe('climb along a profile', () => {
  it('counts each swing whole, from turning point to turning point', () => {
    expect(climbMeters([0, 1, 2, 3, 2, 1, 5, 4, 10], 0)).toEqual({ gain: 13, loss: 3 });
    expect(climbMeters([0, 1, 2, 3, 2, 1, 5, 4, 10], 1.5)).toEqual({ gain: 12, loss: 2 });
  });

  it('counts nothing for swings smaller than the hysteresis', () => {
    expect(climbMeters([5, 5.5, 5, 5.5, 5], 1)).toEqual({ gain: 0, loss: 0 });
  });
});

describe('elevation profile', () => {
  it('tells the noise of the elevations from the hills they lie on', () => {
    expect(elevationNoiseMeters([hills(3000, 6).series])).toBeCloseTo(6, 0);
  });

  it('measures the climb of rolling hills within 5% through 8 m of noise', () => {
    const { series, climbMeters: truth } = hills(4000, 8, 2);
    const profile = smoothElevationProfile([series])!;
    const { gain } = climbMeters(profile.elevations[0]!, profile.uncertaintyMeters);
    expect(Math.abs(gain - truth) / truth).toBeLessThan(0.05);
  });

  it('leaves out a spike of 90 m, as barometers and GPS give now and then', () => {
    const { series } = hills(2000, 2, 3);
    const spiked = { ...series, elevations: series.elevations.map((elevation, index) => (index === 300 ? elevation! + 90 : elevation)) };
    const profile = smoothElevationProfile([spiked])!;
    expect(Math.abs(profile.elevations[0]![300]! - series.elevations[300]!)).toBeLessThan(5);
  });

  it('fills in where fixes recorded no elevation, and has none to give when no fix did', () => {
    const { series } = hills(2000, 2, 4);
    const holed = { ...series, elevations: series.elevations.map((elevation, index) => (index >= 200 && index < 220 ? null : elevation)) };
    const profile = smoothElevationProfile([holed])!;
    expect(Math.abs(profile.elevations[0]![210]! - series.elevations[210]!)).toBeLessThan(5);
    expect(smoothElevationProfile([{ alongMeters: [0, 10], elevations: [null, null] }])).toBeNull();
  });
});
