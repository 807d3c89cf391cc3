import { distanceMeters } from './geodesy.js';

describe('distance on the WGS84 ellipsoid', () => {
  it('matches the classic geodesic reference: Flinders Peak to Buninyong is 54,972.271 m', () => {
    // Vincenty (1975) and Karney (2013) both give 54972.271 m for this line.
    const flindersPeak = { lat: -(37 + 57 / 60 + 3.7203 / 3600), lon: 144 + 25 / 60 + 29.5244 / 3600 };
    const buninyong = { lat: -(37 + 39 / 60 + 10.1561 / 3600), lon: 143 + 55 / 60 + 35.3839 / 3600 };
    expect(distanceMeters(flindersPeak, buninyong)).toBeCloseTo(54_972.271, 3);
  });

  it('differs from a sphere where the ellipsoid does: one degree of latitude is longer at the pole', () => {
    const atEquator = distanceMeters({ lat: 0, lon: 0 }, { lat: 1, lon: 0 });
    const nearPole = distanceMeters({ lat: 89, lon: 0 }, { lat: 90, lon: 0 });
    expect(atEquator).toBeCloseTo(110_574.4, 0);
    expect(nearPole).toBeCloseTo(111_693.9, 0);
  });
});
