import simplify from 'simplify-js';
import { LocalPlane } from './local-plane.js';
import type { LatLon } from './geodesy.js';

export interface Route {
  /** Google's encoded polyline, precision 5. */
  polyline: string;
  pointCount: number;
  bounds: { south: number; west: number; north: number; east: number } | null;
}

/** How far the simplified route may stray from the smoothed one. @default 3 m */
export const routeToleranceMeters = 3;

/** The route to draw: the smoothed path simplified (Douglas–Peucker within the tolerance), encoded. */
export function computeRoute(path: LatLon[], toleranceMeters = routeToleranceMeters): Route {
  if (path.length === 0) return { polyline: '', pointCount: 0, bounds: null };
  const plane = new LocalPlane(path[0]!);
  const planar = path.map((point) => {
    const { east, north } = plane.toPlane(point);
    return { x: east, y: north };
  });
  // simplify-js returns the very objects it was given: map them back to positions.
  const positionOf = new Map(planar.map((point, index) => [point, path[index]!]));
  const simplified = simplify(planar, toleranceMeters, true).map((point) => positionOf.get(point)!);
  return {
    polyline: encodePolyline(simplified),
    pointCount: simplified.length,
    bounds: {
      south: Math.min(...path.map((point) => point.lat)),
      west: Math.min(...path.map((point) => point.lon)),
      north: Math.max(...path.map((point) => point.lat)),
      east: Math.max(...path.map((point) => point.lon)),
    },
  };
}

/**
 * Google's encoded polyline algorithm, precision 5 (~1 m). Written here rather
 * than imported: the usual package brings a command-line tool's dependencies
 * into every app bundle for these twenty lines.
 */
export function encodePolyline(points: LatLon[], precision = 5): string {
  const factor = 10 ** precision;
  let output = '';
  let previousLat = 0;
  let previousLon = 0;
  const encode = (delta: number) => {
    let value = delta < 0 ? ~(delta << 1) : delta << 1;
    let chunk = '';
    while (value >= 0x20) {
      chunk += String.fromCharCode((0x20 | (value & 0x1f)) + 63);
      value >>= 5;
    }
    return chunk + String.fromCharCode(value + 63);
  };
  for (const point of points) {
    const lat = Math.round(point.lat * factor);
    const lon = Math.round(point.lon * factor);
    output += encode(lat - previousLat) + encode(lon - previousLon);
    previousLat = lat;
    previousLon = lon;
  }
  return output;
}

/** The positions of an encoded polyline (the inverse of {@link encodePolyline}). */
export function decodePolyline(polyline: string, precision = 5): LatLon[] {
  const factor = 10 ** precision;
  const points: LatLon[] = [];
  let index = 0;
  let lat = 0;
  let lon = 0;
  const next = () => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = polyline.charCodeAt(index++) - 63;
      result |= (byte & 0x1f) << shift;
      shift += 5;
    } while (byte >= 0x20 && index < polyline.length);
    return result & 1 ? ~(result >> 1) : result >> 1;
  };
  while (index < polyline.length) {
    lat += next();
    lon += next();
    points.push({ lat: lat / factor, lon: lon / factor });
  }
  return points;
}
