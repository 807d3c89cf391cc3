import geographiclib from 'geographiclib-geodesic';

const { Geodesic } = geographiclib;

/** A position on the earth, in degrees (WGS84). */
export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * The distance between two positions along the WGS84 ellipsoid, in metres:
 * Karney's geodesic (GeographicLib), accurate to nanometres, where a spherical
 * Haversine sum is off by up to 0.5%.
 */
export function distanceMeters(from: LatLon, to: LatLon): number {
  return Geodesic.WGS84.Inverse(from.lat, from.lon, to.lat, to.lon, Geodesic.DISTANCE).s12 ?? 0;
}
