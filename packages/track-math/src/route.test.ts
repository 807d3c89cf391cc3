import { computeRoute, decodePolyline, encodePolyline } from './route.js';

describe('the route', () => {
  it("encodes Google's reference polyline, and decodes it back", () => {
    // The example of the format's documentation.
    const points = [
      { lat: 38.5, lon: -120.2 },
      { lat: 40.7, lon: -120.95 },
      { lat: 43.252, lon: -126.453 },
    ];
    expect(encodePolyline(points)).toBe('_p~iF~ps|U_ulLnnqC_mqNvxq`@');
    expect(decodePolyline('_p~iF~ps|U_ulLnnqC_mqNvxq`@')).toEqual(points);
  });

  it('keeps a straight line as its two ends, and bounds the whole path', () => {
    const line = Array.from({ length: 50 }, (_, index) => ({ lat: 52 + index * 1e-4, lon: 5 }));
    const route = computeRoute(line);
    expect(route.pointCount).toBe(2);
    expect(route.bounds).toEqual({ south: 52, west: 5, north: 52 + 49 * 1e-4, east: 5 });
    expect(computeRoute([])).toEqual({ polyline: '', pointCount: 0, bounds: null });
  });
});
