import type { SportTotalsRow, TotalsPeriod } from '@pacegraph/db/reads/activity';
import { BadUserInputError } from '@pacegraph/service-kit';
import { SocialReason } from './reasons.js';

export type { TotalsPeriod };
export type SportTotals = Omit<SportTotalsRow, 'period'>;
export type AthleteTotals = Record<TotalsPeriod, SportTotals[]>;

/** An IANA time zone name, else BAD_USER_INPUT. */
export function timeZoneName(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new BadUserInputError(SocialReason.BadTimeZone, `Unknown time zone ${JSON.stringify(timeZone)}`, 'timeZone');
  }
}

/** Rows of totals per period and sport, grouped by period. */
export function totalsByPeriod(rows: readonly SportTotalsRow[]): AthleteTotals {
  const totals: AthleteTotals = { week: [], month: [], year: [], allTime: [] };
  for (const { period, ...sportTotals } of rows) totals[period].push(sportTotals);
  return totals;
}
