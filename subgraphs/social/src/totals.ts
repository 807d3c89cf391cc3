import type { PrismaClient } from '@pacegraph/db';
import { athleteTotalsByPeriod } from '@pacegraph/db/reads/activity';
import { visibilitiesSeenBy, type AthleteRelation } from '@pacegraph/service-kit';
import { timeZoneName, totalsByPeriod, type AthleteTotals } from './domain/totals.js';

/**
 * Per sport, the count, distance, moving time and climb of an athlete's saved
 * activities a viewer with `relation` may see (the one visibility policy),
 * this week (from Monday), month, year and ever, in `timeZone`. One statement.
 */
export async function athleteTotals(
  prisma: PrismaClient,
  athleteId: string,
  relation: AthleteRelation,
  timeZone: string,
): Promise<AthleteTotals> {
  const zone = timeZoneName(timeZone);
  return totalsByPeriod(await athleteTotalsByPeriod(prisma, athleteId, visibilitiesSeenBy(relation), zone));
}
