import type { ActivityContext } from '../context.js';
import { createActivity } from '../domain/activities.js';
import type { Sport } from '../domain/activity-rules.js';

export interface CreateActivityArgs {
  input: { sport: Sport; title?: string | null };
}

export const Mutation = {
  createActivity: (_: unknown, { input }: CreateActivityArgs, { prisma, viewerId }: ActivityContext) =>
    createActivity(prisma, viewerId, input),
};
