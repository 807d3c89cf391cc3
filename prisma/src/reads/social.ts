/**
 * The reads the social subgraph publishes of its tables (`users`, `follows`,
 * `privacy_zones`, …) for the other subgraphs. Only social writes those
 * tables; whoever else needs them calls a function here, so a change to them
 * touches their owner's code only (see docs/architecture.md).
 */
import type { PrismaClient } from '../database.js';

/** Which of `athleteIds` the viewer follows. */
export async function followedAmong(prisma: PrismaClient, viewerId: string, athleteIds: readonly string[]): Promise<Set<string>> {
  const follows = await prisma.follow.findMany({
    where: { followerId: viewerId, followeeId: { in: [...athleteIds] } },
    select: { followeeId: true },
  });
  return new Set(follows.map((follow) => follow.followeeId));
}

/** The maximum heart rate each of `athleteIds` stated in their preferences (null: not stated); none read for no athletes. */
export async function maxHeartRatesOf(
  prisma: PrismaClient,
  athleteIds: readonly string[],
): Promise<{ athleteId: string; maxHeartRateBpm: number | null }[]> {
  if (athleteIds.length === 0) return [];
  const users = await prisma.user.findMany({ where: { id: { in: [...athleteIds] } }, select: { id: true, maxHeartRateBpm: true } });
  return users.map((user) => ({ athleteId: user.id, maxHeartRateBpm: user.maxHeartRateBpm }));
}

/** An area a privacy zone hides, as drawn when the zone was made (track-math's `PrivacyZoneShape`). */
export interface PrivacyZoneShapeRow {
  athleteId: string;
  centerLat: number;
  centerLon: number;
  radiusMeters: number;
  seed: number;
}

/**
 * The areas the privacy zones of the athletes `athleteIds` hide: telemetry
 * cuts routes and hides live positions with them. None read for no athletes.
 */
export async function privacyZoneShapesOf(prisma: PrismaClient, athleteIds: readonly string[]): Promise<PrivacyZoneShapeRow[]> {
  if (athleteIds.length === 0) return [];
  const zones = await prisma.privacyZone.findMany({
    where: { athleteId: { in: [...athleteIds] } },
    select: { athleteId: true, shapeLat: true, shapeLon: true, shapeRadiusMeters: true, shapeSeed: true },
  });
  return zones.map((zone) => ({
    athleteId: zone.athleteId,
    centerLat: zone.shapeLat,
    centerLon: zone.shapeLon,
    radiusMeters: zone.shapeRadiusMeters,
    seed: zone.shapeSeed,
  }));
}
