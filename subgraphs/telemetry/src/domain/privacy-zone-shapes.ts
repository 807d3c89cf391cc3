import type { PrivacyZoneShape } from '@pacegraph/track-math';

/** Each athlete's privacy zone shapes (an athlete without zones has none), from the zones of them all. */
export function privacyZoneShapesByAthlete(
  athleteIds: readonly string[],
  zones: readonly (PrivacyZoneShape & { athleteId: string })[],
): Map<string, PrivacyZoneShape[]> {
  const shapes = new Map<string, PrivacyZoneShape[]>(athleteIds.map((id) => [id, []]));
  for (const { athleteId, ...shape } of zones) shapes.get(athleteId)?.push(shape);
  return shapes;
}
