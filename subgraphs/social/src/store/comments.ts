import type { Comment, PrismaClient } from '@pacegraph/db';
import { z } from 'zod';
import { pastPosition, type Position } from '../domain/connections.js';

/** Stores a comment of `authorId` on the activity. */
export function createComment(prisma: PrismaClient, activityId: string, authorId: string, text: string): Promise<Comment> {
  return prisma.comment.create({ data: { activityId, authorId, text } });
}

/** The comment `id` (a lower-case UUID), or null. */
export function commentById(prisma: PrismaClient, id: string): Promise<Comment | null> {
  return prisma.comment.findUnique({ where: { id } });
}

/** Deletes the comment, if it is still there. */
export async function deleteCommentRow(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.comment.deleteMany({ where: { id } });
}

/** The comments on an activity (`activityId`) or by an athlete (`authorId`), oldest first, past `after`, `take` rows. */
export function commentsOf(
  prisma: PrismaClient,
  of: { activityId: string } | { authorId: string },
  after: Position | null,
  take: number,
): Promise<Comment[]> {
  return prisma.comment.findMany({
    where: { ...of, ...pastPosition(after, 'createdAt', 'id', 'asc') },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take,
  });
}

/** How many comments each of `activityIds` has (only those with any). */
export async function commentCounts(prisma: PrismaClient, activityIds: string[]): Promise<{ id: string; count: number }[]> {
  const groups = await prisma.comment.groupBy({ by: ['activityId'], where: { activityId: { in: activityIds } }, _count: { _all: true } });
  return groups.map((group) => ({ id: group.activityId, count: group._count._all }));
}

const commentRow = z.object({ id: z.string(), activityId: z.string(), authorId: z.string(), text: z.string(), createdAt: z.date() });

/**
 * The first `take` comments of each of `activityIds` (lower-case UUIDs),
 * oldest first, ordered by activity: one statement for a page of activities.
 */
export async function firstCommentsOf(prisma: PrismaClient, activityIds: string[], take: number): Promise<Comment[]> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT id::text AS id, activity_id::text AS "activityId", author_id::text AS "authorId", text, created_at AS "createdAt"
    FROM (
      SELECT c.*, row_number() OVER (PARTITION BY c.activity_id ORDER BY c.created_at, c.id) AS rank
      FROM comments c WHERE c.activity_id = ANY(${activityIds}::uuid[])
    ) ranked
    WHERE rank <= ${take}
    ORDER BY activity_id, rank`;
  return z.array(commentRow).parse(rows);
}
