import { ActivityReason } from '@pacegraph/activity-rules';
import { NotFoundError } from '@pacegraph/service-kit';
import { visibleActivity, visibleActivityReference } from '@pacegraph/subgraph-host';
import { commentPage } from '../comments.js';
import { commentEdges } from '../domain/comments.js';
import { pageSize } from '../domain/connections.js';
import type { ActivityReference, ActivitySummary } from '../domain/activity-reference.js';
import { SocialReason } from '../domain/reasons.js';
import type { ActivityResolvers } from '../generated/resolvers-types.js';
import type { SocialContext } from '../context.js';

export const Activity: ActivityResolvers = {
  // The feed and history decide visibility where they list (in SQL, with the same policy); an
  // activity another subgraph refers to is checked here like everywhere else (the one check).
  __resolveReference: ({ id }, context) => visibleActivityReference(context, id),
  // The summary: from the list the activity came in (which showed only what the viewer may see),
  // or loaded with its audience and checked like an entity reference (one query a page).
  sport: async (activity, _, context) => activity.sport ?? (await summaryOf(activity, context)).sport,
  title: async (activity, _, context) => activity.title ?? (await summaryOf(activity, context)).title,
  startedAt: async (activity, _, context) =>
    activity.startedAt !== undefined ? activity.startedAt : (await summaryOf(activity, context)).startedAt,
  athlete: async (activity, _, context) => {
    const athlete = await context.loaders.userById.load(activity.athleteId ?? (await summaryOf(activity, context)).athleteId);
    if (!athlete) throw new NotFoundError(SocialReason.UserNotFound, 'No such athlete');
    return athlete;
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

/** An activity's summary, when the viewer may see it (NOT_FOUND otherwise, as for a reference). */
async function summaryOf({ id }: ActivityReference, context: SocialContext): Promise<ActivitySummary> {
  const activity = await visibleActivity(context, id);
  if (!activity) throw new NotFoundError(ActivityReason.NotFound, 'No such activity');
  return activity;
}
