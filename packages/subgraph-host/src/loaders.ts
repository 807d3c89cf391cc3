import DataLoader from 'dataloader';
import type { PrismaClient } from '@pacegraph/db';
import { activityAudiencesSeenBy } from '@pacegraph/db/reads/activity';
import { followedAmong } from '@pacegraph/db/reads/social';
import { athleteRelation, isUuid, type AthleteRelation } from '@pacegraph/service-kit';
import type { AudienceRow } from './activity-access.js';

/**
 * A per-request DataLoader of rows by UUID: the ids asked for in one tick cost
 * one query, answers come back in the order asked, and an id that is missing
 * or cannot be a UUID loads as null. Ids are compared in lower case.
 */
export function rowsByIdLoader<Row extends { id: string }>(fetchRows: (ids: string[]) => Promise<Row[]>): DataLoader<string, Row | null> {
  return new DataLoader<string, Row | null>(
    async (ids) => {
      const wanted = ids.map((id) => id.toLowerCase());
      const rows = await fetchRows(wanted.filter(isUuid));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return wanted.map((id) => byId.get(id) ?? null);
    },
    // PostgreSQL prints UUIDs in lower case; an id asked for in upper case is the same row.
    { cacheKeyFn: (id) => id.toLowerCase() },
  );
}

/**
 * A per-request DataLoader of the viewer's relation to athletes (see
 * `athleteRelation`): the athletes asked about in one tick cost one query of
 * the viewer's follows, none for an anonymous viewer.
 */
export function athleteRelationLoader(prisma: PrismaClient, viewerId: string | null): DataLoader<string, AthleteRelation> {
  return new DataLoader<string, AthleteRelation>(
    async (athleteIds) => {
      const others = viewerId ? athleteIds.filter((id) => id !== viewerId && isUuid(id)) : [];
      const followed = viewerId && others.length ? await followedAmong(prisma, viewerId, others) : new Set<string>();
      return athleteIds.map((id) => athleteRelation(id, viewerId, followed.has(id)));
    },
    { cacheKeyFn: (id) => id.toLowerCase() },
  );
}

/**
 * A per-request DataLoader of activities' audiences (athlete, visibility,
 * status) that reads, in the same statement, whether the viewer follows each
 * athlete, and primes `relations` with it: checking a page of another
 * subgraph's activities (telemetry's part of a feed page) costs one query.
 */
export function audienceLoader(
  prisma: PrismaClient,
  viewerId: string | null,
  relations: DataLoader<string, AthleteRelation>,
): DataLoader<string, AudienceRow | null> {
  return rowsByIdLoader(async (ids) => {
    const rows = await activityAudiencesSeenBy(prisma, viewerId, ids);
    return rows.map(({ followed, ...audience }) => {
      relations.prime(audience.athleteId, athleteRelation(audience.athleteId, viewerId, followed));
      return audience;
    });
  });
}
