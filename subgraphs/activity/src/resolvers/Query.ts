import type { ActivityContext } from '../context.js';

export const Query = {
  activity: (_: unknown, { id }: { id: string }, { loaders }: ActivityContext) => loaders.activityById.load(id),
};
