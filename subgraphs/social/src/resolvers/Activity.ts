import { visibleActivity } from '../domain/activity-access.js';
import { commentEdges, commentPage } from '../domain/comments.js';
import { pageSize } from '../domain/connections.js';
import type { ActivityResolvers } from '../generated/resolvers-types.js';

export const Activity: ActivityResolvers = {
  // The feed and history decide visibility where they list; an activity another subgraph refers to
  // is checked again here (kudos and comments are the activity's), unless the gateway asks for
  // viewers it checked itself.
  __resolveReference: async ({ id }, { loaders, fanOut }) => {
    const activity = fanOut ? await loaders.activityAudienceById.load(id) : await visibleActivity(loaders, id);
    return activity ? { id: activity.id } : null;
  },
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
