import type { Activity as ActivityRow } from '@pacegraph/db';
import type { ActivityContext } from '../context.js';

export const Activity = {
  __resolveReference: ({ id }: { id: string }, { loaders }: ActivityContext) => loaders.activityById.load(id),
  athlete: (activity: ActivityRow) => ({ __typename: 'User', id: activity.athleteId }),
};
