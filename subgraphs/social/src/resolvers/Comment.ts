import { visibleActivityReference } from '@pacegraph/subgraph-host';
import type { CommentResolvers } from '../generated/resolvers-types.js';

export const Comment: CommentResolvers = {
  author: ({ authorId }, _, { loaders }) => loaders.userById.load(authorId).then((user) => user!),
  // A comment outlives its reader's right to see the activity (made ONLY_ME, or its athlete unfollowed).
  activity: ({ activityId }, _, context) => visibleActivityReference(context, activityId),
};
