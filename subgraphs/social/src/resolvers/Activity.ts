import { commentEdges, commentPage } from '../domain/comments.js';
import { pageSize } from '../domain/connections.js';
import type { ActivityResolvers } from '../generated/resolvers-types.js';

// Who may see the activity was decided where it was found (activity(id), the feed, history).
export const Activity: ActivityResolvers = {
  __resolveReference: ({ id }) => ({ id: id.toLowerCase() }),
  kudosCount: ({ id }, _, { loaders }) => loaders.kudosCount.load(id),
  hasMyKudos: async ({ id }, _, { loaders }) => (await loaders.myKudos.load(id)) > 0,
  commentCount: ({ id }, _, { loaders }) => loaders.commentCount.load(id),
  // The first page of many activities' comments is one query; a later page is the one activity's.
  comments: async ({ id }, { first, after }, { prisma, loaders }) => {
    const limit = pageSize(first);
    if (after != null) return commentPage(prisma, id, limit, after);
    return commentEdges(await loaders.firstComments(limit).load(id), limit);
  },
};
