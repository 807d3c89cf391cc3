import type { Comment, PrismaClient } from '@pacegraph/db';
import { BadUserInputError, ForbiddenError, isUuid, NotFoundError, requireViewer } from '@pacegraph/service-kit';
import type { Loaders } from '../loaders.js';
import { activityTheViewerSees } from './activity-access.js';
import { pageOf, pastPosition, positionOf, type CommentPage } from './connections.js';

/** The longest comment, in characters. @default 2000 */
export const maxCommentLength = 2000;

/** A comment's text, trimmed: 1 to {@link maxCommentLength} characters, else BAD_USER_INPUT. */
export function commentText(text: string): string {
  const trimmed = text.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > maxCommentLength) {
    throw new BadUserInputError('COMMENT.BAD_LENGTH', `A comment has 1 to ${maxCommentLength} characters`, 'text');
  }
  return trimmed;
}

/** The viewer comments on an activity they may see. */
export async function addComment(
  prisma: PrismaClient,
  viewerId: string | null,
  loaders: Loaders,
  activityId: string,
  text: string,
): Promise<Comment> {
  const authorId = requireViewer(viewerId, 'comment');
  const checkedText = commentText(text);
  const activity = await activityTheViewerSees(viewerId, loaders, activityId);
  return prisma.comment.create({ data: { activityId: activity.id, authorId, text: checkedText } });
}

/** Deletes a comment: its author or the activity's athlete may. Returns its id. */
export async function deleteComment(prisma: PrismaClient, viewerId: string | null, commentId: string): Promise<string> {
  const viewer = requireViewer(viewerId, 'delete comments');
  const comment = isUuid(commentId)
    ? await prisma.comment.findUnique({ where: { id: commentId.toLowerCase() }, include: { activity: { select: { athleteId: true } } } })
    : null;
  if (!comment) throw new NotFoundError('COMMENT.NOT_FOUND', 'No such comment', 'id');
  if (comment.authorId !== viewer && comment.activity.athleteId !== viewer) {
    throw new ForbiddenError('COMMENT.NOT_YOURS', "Only a comment's author or the activity's athlete may delete it");
  }
  await prisma.comment.deleteMany({ where: { id: comment.id } });
  return comment.id;
}

/** One page of an activity's comments, oldest first. */
export async function commentPage(
  prisma: PrismaClient,
  activityId: string,
  limit: number,
  after: string | null | undefined,
): Promise<CommentPage> {
  const rows = await prisma.comment.findMany({
    where: { activityId, ...pastPosition(positionOf(after), 'createdAt', 'id', 'asc') },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit + 1,
  });
  return commentEdges(rows, limit);
}

/** One page of the comments an athlete wrote, oldest first: for the athlete only. */
export async function commentsWrittenPage(
  prisma: PrismaClient,
  viewerId: string | null,
  authorId: string,
  limit: number,
  after: string | null | undefined,
): Promise<CommentPage> {
  if (viewerId !== authorId) throw new ForbiddenError('COMMENT.NOT_YOURS', 'Only the athlete lists the comments they wrote');
  const rows = await prisma.comment.findMany({
    where: { authorId, ...pastPosition(positionOf(after), 'createdAt', 'id', 'asc') },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit + 1,
  });
  return commentEdges(rows, limit);
}

/** Comments fetched one beyond `limit`, as a page. */
export function commentEdges(rows: Comment[], limit: number): CommentPage {
  return pageOf(
    rows,
    limit,
    (row) => ({ at: row.createdAt, id: row.id }),
    (row, cursor) => ({ cursor, node: row }),
  );
}
