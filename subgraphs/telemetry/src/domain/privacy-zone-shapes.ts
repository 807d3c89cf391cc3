import type { PrismaClient } from '@pacegraph/db';
import type { PrivacyZoneShape } from '@pacegraph/track-math';

/** The areas each athlete's privacy zones hide (the social subgraph draws them; they are read here). */
export async function privacyZoneShapesOf(prisma: PrismaClient, athleteIds: readonly string[]): Promise<Map<string, PrivacyZoneShape[]>> {
  const zones = athleteIds.length
    ? await prisma.privacyZone.findMany({
        where: { athleteId: { in: [...athleteIds] } },
        select: { athleteId: true, shapeLat: true, shapeLon: true, shapeRadiusMeters: true, shapeSeed: true },
      })
    : [];
  const shapes = new Map<string, PrivacyZoneShape[]>(athleteIds.map((id) => [id, []]));
  for (const zone of zones) {
    shapes.get(zone.athleteId)?.push({
      centerLat: zone.shapeLat,
      centerLon: zone.shapeLon,
      radiusMeters: zone.shapeRadiusMeters,
      seed: zone.shapeSeed,
    });
  }
  return shapes;
}
