import { createActivity, transitionActivity, type TransitionRequest } from '../activity-lifecycle.js';
import { deleteActivity, updateActivity } from '../activity-edits.js';
import { announceDeletion, announceStatus } from '../status-announcer.js';
import type { ActivityContext } from '../context.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

/** Runs a lifecycle transition and announces it when it changed something (a retry announces nothing). */
async function transition(context: ActivityContext, id: string, request: TransitionRequest) {
  const { activity, changed, previousStatus, transitionAt } = await transitionActivity(context.prisma, context.viewerId, id, request);
  if (changed) await announceStatus(context.bus, context.log, activity, previousStatus, transitionAt);
  return activity;
}

export const Mutation: MutationResolvers = {
  createActivity: (_, { input }, { prisma, viewerId }) => createActivity(prisma, viewerId, input),
  startActivity: (_, { id, at }, context) => transition(context, id, { transition: 'start', at }),
  pauseActivity: (_, { id, at }, context) => transition(context, id, { transition: 'pause', at }),
  resumeActivity: (_, { id, at }, context) => transition(context, id, { transition: 'resume', at }),
  stopActivity: (_, { id, at }, context) => transition(context, id, { transition: 'stop', at }),
  completeActivity: (_, { id, input }, context) => transition(context, id, { transition: 'complete', completion: input }),
  discardActivity: (_, { id }, context) => transition(context, id, { transition: 'discard' }),
  updateActivity: async (_, { id, input }, context) => {
    const { activity, announced } = await updateActivity(context.prisma, context.viewerId, id, input);
    if (announced) await announceStatus(context.bus, context.log, activity, activity.status);
    return activity;
  },
  deleteActivity: async (_, { id }, context) => {
    const deleted = await deleteActivity(context.prisma, context.viewerId, id);
    await announceDeletion(context.bus, context.log, deleted);
    return deleted.id;
  },
};
