import { distanceMeters } from './geodesy.js';
import { LocalPlane } from './local-plane.js';
import { isInPrivacyZone, privacyZoneShape, routeOutsidePrivacyZones } from './privacy-zone.js';
import { seededRandom } from './random.js';
import { computeRoute, decodePolyline } from './route.js';

const home = { lat: 52.09, lon: 5.12 };

describe('privacy zones', () => {
  it('always hides the whole circle asked for, whatever the random shape', () => {
    const random = seededRandom(7);
    for (let zone = 0; zone < 200; zone++) {
      const radius = 200 + 1400 * random.next();
      const shape = privacyZoneShape(home, radius, random.next);
      const plane = new LocalPlane(home);
      for (let step = 0; step < 72; step++) {
        const angle = (step / 72) * 2 * Math.PI;
        const edge = plane.toLatLon(0.999 * radius * Math.cos(angle), 0.999 * radius * Math.sin(angle));
        expect(isInPrivacyZone(edge, shape)).toBe(true);
      }
    }
  });

  it('moves the centre away from the home and bends the boundary, so cuts do not point at the home', () => {
    const random = seededRandom(11);
    const offsets: number[] = [];
    const reaches: number[] = [];
    for (let zone = 0; zone < 100; zone++) {
      const shape = privacyZoneShape(home, 800, random.next);
      offsets.push(distanceMeters(home, { lat: shape.centerLat, lon: shape.centerLon }));
      // Where the boundary lies along 36 bearings from the shape's centre.
      const plane = new LocalPlane({ lat: shape.centerLat, lon: shape.centerLon });
      for (let step = 0; step < 36; step++) {
        const angle = (step / 36) * 2 * Math.PI;
        let reach = shape.radiusMeters;
        while (isInPrivacyZone(plane.toLatLon(reach * Math.cos(angle), reach * Math.sin(angle)), shape)) reach += 5;
        reaches.push(reach / shape.radiusMeters);
      }
    }
    expect(Math.max(...offsets)).toBeGreaterThan(100);
    expect(Math.max(...offsets)).toBeLessThanOrEqual(200 + 1);
    expect(Math.min(...offsets)).toBeLessThan(100);
    expect(Math.max(...reaches) - Math.min(...reaches)).toBeGreaterThan(0.1);
  });

  it('cuts every part of a route inside a zone, in the middle too, and keeps the rest', () => {
    const plane = new LocalPlane(home);
    // East through the home and on, 6 km in 10 m steps.
    const path = Array.from({ length: 601 }, (_, step) => plane.toLatLon(-3000 + 10 * step, 0));
    const route = computeRoute(path);
    expect(decodePolyline(route.polyline).length).toBe(route.pointCount);
    const shape = privacyZoneShape(home, 500, seededRandom(3).next);
    // A straight line simplifies to its two ends: the cut must still fall inside the stretch.
    expect(route.pointCount).toBe(2);
    const trimmed = routeOutsidePrivacyZones(route, [shape]);
    expect(trimmed.segments).toHaveLength(2);
    const [before, after] = trimmed.segments.map((segment) => decodePolyline(segment));
    const visible = [...before!, ...after!];
    expect(visible.some((position) => isInPrivacyZone(position, shape))).toBe(false);
    expect(visible.some((position) => distanceMeters(position, home) < 500)).toBe(false);
    expect(before!.every((position) => position.lon < home.lon)).toBe(true);
    expect(after!.every((position) => position.lon > home.lon)).toBe(true);
    // The rest of the route stays: both ends, out to within the zone's largest reach.
    expect(distanceMeters(before![0]!, path[0]!)).toBeLessThan(1);
    expect(distanceMeters(after!.at(-1)!, path.at(-1)!)).toBeLessThan(1);
    expect(distanceMeters(before!.at(-1)!, home)).toBeLessThan(500 * 1.25 * 1.2 + 15);
  });
});
