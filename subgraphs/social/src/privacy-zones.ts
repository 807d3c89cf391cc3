import { randomBytes } from 'node:crypto';
import type { PrismaClient, PrivacyZone } from '@pacegraph/db';
import { BadUserInputError, ForbiddenError, isUuid, NotFoundError, requireViewer } from '@pacegraph/service-kit';
import { privacyZoneShape } from '@pacegraph/track-math';
import { checkPrivacyZonePlace, maxPrivacyZones } from './domain/privacy-zones.js';
import { SocialReason } from './domain/reasons.js';
import { createPrivacyZone, deletePrivacyZone, privacyZoneCount, privacyZonesOfAthlete } from './store/privacy-zones.js';

/** A uniform number in [0, 1) from the operating system's cryptographic source: a zone's shape must not be guessable. */
const secureRandom = () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48;

/** Adds a privacy zone around a place; its hidden shape is drawn at random once, here. */
export async function addPrivacyZone(
  prisma: PrismaClient,
  viewerId: string | null,
  input: { lat: number; lon: number; radiusMeters: number },
): Promise<PrivacyZone> {
  const athleteId = requireViewer(viewerId, 'add privacy zones');
  const { lat, lon, radiusMeters } = checkPrivacyZonePlace(input);
  if ((await privacyZoneCount(prisma, athleteId)) >= maxPrivacyZones) {
    throw new BadUserInputError(SocialReason.TooManyPrivacyZones, `At most ${maxPrivacyZones} privacy zones`, 'input');
  }
  const shape = privacyZoneShape({ lat, lon }, radiusMeters, secureRandom);
  return createPrivacyZone(prisma, {
    athleteId,
    lat,
    lon,
    radiusMeters,
    shapeLat: shape.centerLat,
    shapeLon: shape.centerLon,
    shapeRadiusMeters: shape.radiusMeters,
    shapeSeed: shape.seed,
  });
}

/** Removes one of the viewer's zones; returns its id. */
export async function removePrivacyZone(prisma: PrismaClient, viewerId: string | null, id: string): Promise<string> {
  const athleteId = requireViewer(viewerId, 'remove privacy zones');
  const deleted = isUuid(id) && (await deletePrivacyZone(prisma, athleteId, id.toLowerCase()));
  if (!deleted) throw new NotFoundError(SocialReason.PrivacyZoneNotFound, 'No such privacy zone', 'id');
  return id.toLowerCase();
}

/** An athlete's zones, oldest first: for the athlete only. */
export async function privacyZonesOf(prisma: PrismaClient, viewerId: string | null, athleteId: string): Promise<PrivacyZone[]> {
  if (viewerId !== athleteId) throw new ForbiddenError(SocialReason.NotYourPrivacyZone, 'Only the athlete sees their privacy zones');
  return privacyZonesOfAthlete(prisma, athleteId);
}
