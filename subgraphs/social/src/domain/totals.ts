import type { PrismaClient, Sport } from '@pacegraph/db';
import { BadUserInputError, visibilitiesSeenBy, type AthleteRelation } from '@pacegraph/service-kit';

export interface SportTotals {
  sport: Sport;
  count: number;
  distanceMeters: number;
  movingTimeSeconds: number;
  elevationGainMeters: number;
}

export type TotalsPeriod = 'week' | 'month' | 'year' | 'allTime';
export type AthleteTotals = Record<TotalsPeriod, SportTotals[]>;

/** An IANA time zone name, else BAD_USER_INPUT. */
export function timeZoneName(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new BadUserInputError('TOTALS.BAD_TIME_ZONE', `Unknown time zone ${JSON.stringify(timeZone)}`, 'timeZone');
  }
}

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
  const rows = await prisma.$queryRaw<(SportTotals & { period: TotalsPeriod })[]>`
    SELECT period.name AS period, a.sport::text AS sport, count(*)::int AS count,
           coalesce(sum(t.distance_meters), 0)::float8 AS "distanceMeters",
           coalesce(sum(t.moving_time_seconds), 0)::float8 AS "movingTimeSeconds",
           coalesce(sum(t.elevation_gain_meters), 0)::float8 AS "elevationGainMeters"
    FROM activities a
    LEFT JOIN archived_tracks t ON t.activity_id = a.id
    CROSS JOIN LATERAL (VALUES
      ('week', date_trunc('week', now() AT TIME ZONE ${zone}) AT TIME ZONE ${zone}),
      ('month', date_trunc('month', now() AT TIME ZONE ${zone}) AT TIME ZONE ${zone}),
      ('year', date_trunc('year', now() AT TIME ZONE ${zone}) AT TIME ZONE ${zone}),
      ('allTime', '-infinity'::timestamptz)
    ) AS period(name, since)
    WHERE a.athlete_id = ${athleteId}::uuid AND a.status = 'COMPLETED'
      AND a.visibility = ANY(${visibilitiesSeenBy(relation)}::"Visibility"[])
      AND a.started_at >= period.since
    GROUP BY period.name, a.sport
    ORDER BY a.sport`;
  const totals: AthleteTotals = { week: [], month: [], year: [], allTime: [] };
  for (const { period, ...sportTotals } of rows) totals[period].push(sportTotals);
  return totals;
}
