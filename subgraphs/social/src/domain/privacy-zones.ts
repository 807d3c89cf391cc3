import { BadUserInputError } from '@pacegraph/service-kit';
import { privacyZoneRadiusMeters } from '@pacegraph/track-math';
import { SocialReason } from './reasons.js';

/** Zones one athlete may have. @default 10 */
export const maxPrivacyZones = 10;

/** A zone's place as the athlete gives it: BAD_USER_INPUT off the globe or with a radius out of bounds. */
export function checkPrivacyZonePlace<Place extends { lat: number; lon: number; radiusMeters: number }>(input: Place): Place {
  const { lat, lon, radiusMeters } = input;
  if (!Number.isFinite(lat) || Math.abs(lat) > 90 || !Number.isFinite(lon) || Math.abs(lon) > 180) {
    throw new BadUserInputError(SocialReason.BadPrivacyZonePlace, 'Latitude must be within ±90 and longitude within ±180', 'lat');
  }
  const { min, max } = privacyZoneRadiusMeters;
  if (!Number.isFinite(radiusMeters) || radiusMeters < min || radiusMeters > max) {
    throw new BadUserInputError(SocialReason.BadPrivacyZoneRadius, `The radius is ${min} to ${max} m`, 'radiusMeters');
  }
  return input;
}
