import { ActivityReason } from '@pacegraph/activity-rules';
import { NotFoundError } from '@pacegraph/service-kit';
import { visibleActivity } from '@pacegraph/subgraph-host';
import type { Loaders } from './loaders.js';

/** An activity as the loaders read it: who may see it, and its summary. */
export type LoadedActivity = NonNullable<Awaited<ReturnType<Loaders['activityById']['load']>>>;

/** An activity the viewer acts on (kudos, comments): NOT_FOUND unless they may see it (the one visibility policy). */
export async function activityTheViewerSees(viewerId: string | null, loaders: Loaders, activityId: string): Promise<LoadedActivity> {
  // Acting on an activity is always the viewer's own request: never a fanned-out one.
  const activity = await visibleActivity({ viewerId, fanOut: false, loaders }, activityId);
  if (!activity) throw new NotFoundError(ActivityReason.NotFound, 'No such activity', 'activityId');
  return activity;
}
