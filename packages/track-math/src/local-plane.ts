import type { LatLon } from './geodesy.js';

const earthRadiusMeters = 6_371_008.8;
const radians = Math.PI / 180;

/**
 * A flat east/north plane in metres around an origin, for filtering a track
 * locally (tens of kilometres: the distortion is far below GPS noise).
 * Distances are never measured here, only back on the ellipsoid.
 */
export class LocalPlane {
  private readonly cosLat: number;

  constructor(private readonly origin: LatLon) {
    this.cosLat = Math.cos(origin.lat * radians);
  }

  toPlane(point: LatLon): { east: number; north: number } {
    return {
      east: (point.lon - this.origin.lon) * radians * earthRadiusMeters * this.cosLat,
      north: (point.lat - this.origin.lat) * radians * earthRadiusMeters,
    };
  }

  toLatLon(east: number, north: number): LatLon {
    return {
      lat: this.origin.lat + north / (earthRadiusMeters * radians),
      lon: this.origin.lon + east / (earthRadiusMeters * radians * this.cosLat),
    };
  }
}
