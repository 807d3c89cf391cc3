import type { Comment, User } from '@pacegraph/db';
import { BadUserInputError, isUuid, maxPageSize, ServiceReason } from '@pacegraph/service-kit';
import type { ActivityReference } from './activity-reference.js';

/** A position in a list ordered by time, then id: where the next page starts. */
export interface Position {
  at: Date;
  id: string;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

/** A Relay connection's page. */
export interface Page<Node, TEdge extends Edge<Node> = Edge<Node>> {
  edges: TEdge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export type ActivityPage = Page<ActivityReference>;
export type CommentPage = Page<Comment>;
export type UserPage = Page<User, Edge<User> & { followedAt: Date }>;
/** A page of searchAthletes: each athlete with how many of those the viewer follows follow them. */
export type AthleteSearchPage = Page<User, Edge<User> & { mutualCount: number }>;

/** How many to fetch for a page of `first` (at most {@link maxPageSize}); fewer than 1 is BAD_USER_INPUT. */
export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1) {
    throw new BadUserInputError(ServiceReason.BadPageSize, '`first` must be a whole number of at least 1', 'first');
  }
  return Math.min(size, maxPageSize);
}

/** The opaque cursor of a position (base64url: clients must not build or read one). */
export function cursorOf(position: Position): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

/** Whether PostgreSQL can compare with the time: JavaScript's dates reach year −271821 and 275760, a timestamptz neither year 0 nor those. */
function storableYear(time: Date): boolean {
  const year = time.getUTCFullYear();
  return year >= 1 && year <= 9999;
}

/** The position a cursor names; none for none, BAD_USER_INPUT for one that is not ours. */
export function positionOf(cursor: string | null | undefined): Position | null {
  if (cursor == null) return null;
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const time = at ? new Date(at) : new Date(Number.NaN);
  if (rest.length || !id || !isUuid(id) || Number.isNaN(time.getTime()) || time.toISOString() !== at || !storableYear(time)) {
    throw new BadUserInputError(ServiceReason.BadCursor, 'This cursor does not come from this list', 'after');
  }
  return { at: time, id };
}

/**
 * A page from rows fetched one beyond its size (`limit + 1`): the extra row,
 * when there is one, only tells that a next page exists.
 */
export function pageOf<Row, TEdge extends Edge<unknown>>(
  rows: readonly Row[],
  limit: number,
  positionOfRow: (row: Row) => Position,
  edgeOf: (row: Row, cursor: string) => TEdge,
): { edges: TEdge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } {
  const edges = rows.slice(0, limit).map((row) => edgeOf(row, cursorOf(positionOfRow(row))));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}

/**
 * The Prisma filter for rows past `position` in a list ordered by
 * (`timeField`, `idField`), both descending or both ascending.
 */
export function pastPosition<TimeField extends string, IdField extends string>(
  position: Position | null,
  timeField: TimeField,
  idField: IdField,
  order: 'desc' | 'asc',
): Record<string, unknown> {
  if (!position) return {};
  const beyond = order === 'desc' ? 'lt' : 'gt';
  return {
    OR: [{ [timeField]: { [beyond]: position.at } }, { [timeField]: position.at, [idField]: { [beyond]: position.id } }],
  };
}
