import type { Comment, PrismaClient } from '@pacegraph/db';
import { athleteOfActivity } from '@pacegraph/db/reads/activity';
import { ForbiddenError, isUuid, NotFoundError, requireViewer } from '@pacegraph/service-kit';
import { activityTheViewerSees } from './activity-access.js';
import { commentEdges, commentText } from './domain/comments.js';
import { positionOf, type CommentPage } from './domain/connections.js';
import { SocialReason } from './domain/reasons.js';
import type { Loaders } from './loaders.js';
import { commentById, commentsOf, createComment, deleteCommentRow } from './store/comments.js';

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
  return createComment(prisma, activity.id, authorId, checkedText);
}

/** Deletes a comment: its author or the activity's athlete may. Returns its id. */
export async function deleteComment(prisma: PrismaClient, viewerId: string | null, commentId: string): Promise<string> {
  const viewer = requireViewer(viewerId, 'delete comments');
  const comment = isUuid(commentId) ? await commentById(prisma, commentId.toLowerCase()) : null;
  if (!comment) throw new NotFoundError(SocialReason.CommentNotFound, 'No such comment', 'id');
  const activityAthleteId = await athleteOfActivity(prisma, comment.activityId);
  if (comment.authorId !== viewer && activityAthleteId !== viewer) {
    throw new ForbiddenError(SocialReason.NotYourComment, "Only a comment's author or the activity's athlete may delete it");
  }
  await deleteCommentRow(prisma, comment.id);
  return comment.id;
}

/** One page of an activity's comments, oldest first. */
export async function commentPage(
  prisma: PrismaClient,
  activityId: string,
  limit: number,
  after: string | null | undefined,
): Promise<CommentPage> {
  return commentEdges(await commentsOf(prisma, { activityId }, positionOf(after), limit + 1), limit);
}

/** One page of the comments an athlete wrote, oldest first: for the athlete only. */
export async function commentsWrittenPage(
  prisma: PrismaClient,
  viewerId: string | null,
  authorId: string,
  limit: number,
  after: string | null | undefined,
): Promise<CommentPage> {
  if (viewerId !== authorId) throw new ForbiddenError(SocialReason.NotYourComment, 'Only the athlete lists the comments they wrote');
  return commentEdges(await commentsOf(prisma, { authorId }, positionOf(after), limit + 1), limit);
}
