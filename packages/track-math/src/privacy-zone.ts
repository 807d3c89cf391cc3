import type { LatLon } from './geodesy.js';
import { LocalPlane } from './local-plane.js';
import { seededRandom } from './random.js';
import { computeRoute, decodePolyline, type Route } from './route.js';

/** The smallest and largest radius an athlete may ask for. */
export const privacyZoneRadiusMeters = { min: 200, max: 1600 } as const;

/**
 * The area a privacy zone hides, as stored: not the circle the athlete asked
 * for, but an irregular shape around a centre moved a random distance from
 * it, that always covers the whole circle asked for. Where tracks are cut
 * tells where this shape is, not where its home is.
 */
export interface PrivacyZoneShape {
  centerLat: number;
  centerLon: number;
  /** The shape's smallest radius around its centre: the asked radius plus the centre's offset. */
  radiusMeters: number;
  /** Fixes the shape's wobble. */
  seed: number;
}

/** How far the centre moves from the home, at most, as a share of the radius. @default 0.25 */
const maxOffsetShare = 0.25;
/** How far the boundary reaches beyond the smallest radius, at most, as a share of it. @default 0.2 */
const wobbleShare = 0.2;
const wobbleHarmonics = [2, 3, 5] as const;

/**
 * A new zone's shape around `home` and the radius asked for, from
 * `random` (uniform in [0, 1); a cryptographic source in production).
 */
export function privacyZoneShape(home: LatLon, radiusMeters: number, random: () => number): PrivacyZoneShape {
  const offset = maxOffsetShare * radiusMeters * Math.sqrt(random());
  const bearing = 2 * Math.PI * random();
  const center = new LocalPlane(home).toLatLon(offset * Math.sin(bearing), offset * Math.cos(bearing));
  return {
    centerLat: center.lat,
    centerLon: center.lon,
    radiusMeters: radiusMeters + offset,
    seed: Math.floor(random() * 2 ** 31),
  };
}

/** How far the shape reaches from its centre towards `angle` (radians from east): never less than its radius. */
function reachMeters(shape: PrivacyZoneShape, angle: number): number {
  const random = seededRandom(shape.seed);
  let wobble = 0;
  for (const harmonic of wobbleHarmonics) wobble += (1 + Math.sin(harmonic * angle + 2 * Math.PI * random.next())) / 2;
  return shape.radiusMeters * (1 + (wobbleShare * wobble) / wobbleHarmonics.length);
}

/** Whether a position lies in the area a zone hides. */
export function isInPrivacyZone(position: LatLon, shape: PrivacyZoneShape): boolean {
  const { east, north } = new LocalPlane({ lat: shape.centerLat, lon: shape.centerLon }).toPlane(position);
  const distance = Math.hypot(east, north);
  if (distance <= shape.radiusMeters) return true;
  if (distance > shape.radiusMeters * (1 + wobbleShare)) return false;
  return distance <= reachMeters(shape, Math.atan2(north, east));
}

/** Whether a position lies in any of the zones. */
export function isInAnyPrivacyZone(position: LatLon, shapes: readonly PrivacyZoneShape[]): boolean {
  return shapes.some((shape) => isInPrivacyZone(position, shape));
}

/** Positions along a route no further apart than this, so a straight stretch through a zone is cut too. @default 10 m */
const cutResolutionMeters = 10;

/** A route as others see it: what is left, and its visible stretches one by one (to draw with gaps). */
export interface VisibleRoute extends Route {
  /** Encoded polylines of the stretches between zones, in order. */
  segments: string[];
}

/**
 * The route as others see it: every part inside a zone cut out (wherever
 * along the route, not only at its ends; straight stretches through a zone
 * too), the bounds of what is left.
 */
export function routeOutsidePrivacyZones(route: Route, shapes: readonly PrivacyZoneShape[]): VisibleRoute {
  const positions = decodePolyline(route.polyline);
  if (shapes.length === 0 || positions.length === 0) return { ...route, segments: route.polyline ? [route.polyline] : [] };
  const plane = new LocalPlane(positions[0]!);
  const stretches: LatLon[][] = [];
  let stretch: LatLon[] = [];
  const visit = (position: LatLon) => {
    if (isInAnyPrivacyZone(position, shapes)) {
      if (stretch.length) stretches.push(stretch);
      stretch = [];
    } else {
      stretch.push(position);
    }
  };
  positions.forEach((position, index) => {
    const previous = positions[index - 1];
    if (previous) {
      const from = plane.toPlane(previous);
      const to = plane.toPlane(position);
      const steps = Math.ceil(Math.hypot(to.east - from.east, to.north - from.north) / cutResolutionMeters);
      for (let step = 1; step < steps; step++) {
        const share = step / steps;
        visit(plane.toLatLon(from.east + share * (to.east - from.east), from.north + share * (to.north - from.north)));
      }
    }
    visit(position);
  });
  if (stretch.length) stretches.push(stretch);
  return {
    ...computeRoute(stretches.flat()),
    segments: stretches.map((positionsOfStretch) => computeRoute(positionsOfStretch).polyline),
  };
}
