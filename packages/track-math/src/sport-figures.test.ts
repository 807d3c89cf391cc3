import { averageSpeedMps, clockText, distanceKmText, speedLabels, speedText } from './sport-figures.js';

describe('sport figures', () => {
  it('shows runs, walks and hikes as pace per km and rides as km/h', () => {
    expect(speedText('RUN', 1000 / 300)).toBe('5:00');
    expect(speedText('WALK', 1000 / 750)).toBe('12:30');
    expect(speedText('HIKE', 1000 / 3725)).toBe('1:02:05');
    expect(speedText('RIDE', 8)).toBe('28.8');
    expect(speedLabels('RUN').current).toBe('Pace /km');
    expect(speedLabels('RIDE').average).toBe('Avg speed km/h');
  });

  it('has no pace while standing or before a speed is known, but a ride stands at 0.0 km/h', () => {
    expect(speedText('RUN', 0)).toBe('–');
    expect(speedText('RUN', null)).toBe('–');
    expect(speedText('RIDE', 0)).toBe('0.0');
    expect(speedText('RIDE', undefined)).toBe('–');
  });

  it('writes durations as m:ss below an hour and h:mm:ss from one, never negative', () => {
    expect(clockText(0)).toBe('0:00');
    expect(clockText(59.9)).toBe('0:59');
    expect(clockText(600)).toBe('10:00');
    expect(clockText(3600 + 62)).toBe('1:01:02');
    expect(clockText(-5)).toBe('0:00');
  });

  it('gives distance in km with two decimals and average speed only once there is moving time', () => {
    expect(distanceKmText(1234.5)).toBe('1.23');
    expect(averageSpeedMps(1000, 0)).toBeNull();
    expect(averageSpeedMps(1000, 250)).toBe(4);
  });
});
