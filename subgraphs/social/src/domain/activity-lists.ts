import type { Sport } from '@pacegraph/db';
import type { ListedActivityRow } from '@pacegraph/db/reads/activity';
import { BadUserInputError } from '@pacegraph/service-kit';
import { pageOf, type ActivityPage } from './connections.js';
import { SocialReason } from './reasons.js';

/** Listed activities fetched one beyond `limit` (latest start first), as a page; the cursor is each one's (start, id). */
export const activityEdges = (rows: ListedActivityRow[], limit: number): ActivityPage =>
  pageOf(
    rows,
    limit,
    (row) => ({ at: row.startedAt, id: row.id }),
    (row, cursor) => ({ cursor, node: row }),
  );

export interface HistoryFilter {
  sport?: Sport | null;
  /** Started at or after. */
  from?: Date | null;
  /** Started before. */
  to?: Date | null;
}

/** The filter of a history page: BAD_USER_INPUT when `from` is not before `to`. */
export function checkHistoryFilter(filter: HistoryFilter): HistoryFilter {
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw new BadUserInputError(SocialReason.BadHistoryRange, '`from` must be before `to`', 'from');
  }
  return filter;
}
