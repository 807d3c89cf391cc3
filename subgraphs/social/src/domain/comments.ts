import type { Comment } from '@pacegraph/db';
import { BadUserInputError } from '@pacegraph/service-kit';
import { pageOf, type CommentPage } from './connections.js';
import { SocialReason } from './reasons.js';

/** The longest comment, in characters. @default 2000 */
export const maxCommentLength = 2000;

/** A comment's text, trimmed: 1 to {@link maxCommentLength} characters, else BAD_USER_INPUT. */
export function commentText(text: string): string {
  const trimmed = text.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > maxCommentLength) {
    throw new BadUserInputError(SocialReason.BadCommentLength, `A comment has 1 to ${maxCommentLength} characters`, 'text');
  }
  return trimmed;
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
