import type { CommentResolvers } from '../generated/resolvers-types.js';

export const Comment: CommentResolvers = {
  author: ({ authorId }, _, { loaders }) => loaders.userById.load(authorId).then((user) => user!),
  activity: ({ activityId }) => ({ id: activityId }),
};
