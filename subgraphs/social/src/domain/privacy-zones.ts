import { randomBytes } from 'node:crypto';
import type { PrismaClient, PrivacyZone } from '@pacegraph/db';
import { BadUserInputError, ForbiddenError, isUuid, NotFoundError, requireViewer } from '@pacegraph/service-kit';
import { privacyZoneRadiusMeters, privacyZoneShape } from '@pacegraph/track-math';

/** Zones one athlete may have. @default 10 */
export const maxPrivacyZones = 10;

/** A uniform number in [0, 1) from the operating system's cryptographic source: a zone's shape must not be guessable. */
const secureRandom = () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48;

/** Adds a privacy zone around a place; its hidden shape is drawn at random once, here. */
export async function addPrivacyZone(
  prisma: PrismaClient,
  viewerId: string | null,
  input: { lat: number; lon: number; radiusMeters: number },
): Promise<PrivacyZone> {
  const athleteId = requireViewer(viewerId, 'add privacy zones');
  const { lat, lon, radiusMeters } = input;
  if (!Number.isFinite(lat) || Math.abs(lat) > 90 || !Number.isFinite(lon) || Math.abs(lon) > 180) {
    throw new BadUserInputError('PRIVACY_ZONE.BAD_PLACE', 'Latitude must be within ±90 and longitude within ±180', 'lat');
  }
  const { min, max } = privacyZoneRadiusMeters;
  if (!Number.isFinite(radiusMeters) || radiusMeters < min || radiusMeters > max) {
    throw new BadUserInputError('PRIVACY_ZONE.BAD_RADIUS', `The radius is ${min} to ${max} m`, 'radiusMeters');
  }
  if ((await prisma.privacyZone.count({ where: { athleteId } })) >= maxPrivacyZones) {
    throw new BadUserInputError('PRIVACY_ZONE.TOO_MANY', `At most ${maxPrivacyZones} privacy zones`, 'input');
  }
  const shape = privacyZoneShape({ lat, lon }, radiusMeters, secureRandom);
  return prisma.privacyZone.create({
    data: {
      athleteId,
      lat,
      lon,
      radiusMeters,
      shapeLat: shape.centerLat,
      shapeLon: shape.centerLon,
      shapeRadiusMeters: shape.radiusMeters,
      shapeSeed: shape.seed,
    },
  });
}

/** Removes one of the viewer's zones; returns its id. */
export async function removePrivacyZone(prisma: PrismaClient, viewerId: string | null, id: string): Promise<string> {
  const athleteId = requireViewer(viewerId, 'remove privacy zones');
  const { count } = isUuid(id) ? await prisma.privacyZone.deleteMany({ where: { id: id.toLowerCase(), athleteId } }) : { count: 0 };
  if (count === 0) throw new NotFoundError('PRIVACY_ZONE.NOT_FOUND', 'No such privacy zone', 'id');
  return id.toLowerCase();
}

/** An athlete's zones, oldest first: for the athlete only. */
export async function privacyZonesOf(prisma: PrismaClient, viewerId: string | null, athleteId: string): Promise<PrivacyZone[]> {
  if (viewerId !== athleteId) throw new ForbiddenError('PRIVACY_ZONE.NOT_YOURS', "Only the athlete sees their privacy zones");
  return prisma.privacyZone.findMany({ where: { athleteId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}
