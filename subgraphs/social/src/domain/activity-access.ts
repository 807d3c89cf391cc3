import { canViewActivity, NotFoundError } from '@pacegraph/service-kit';
import type { Loaders } from '../loaders.js';

/** What deciding visibility takes: who may see each activity, and how the viewer stands to its athlete. */
type AccessLoaders = Pick<Loaders, 'activityById' | 'relationToAthlete'>;

/** An activity as the loaders read it: who may see it, and its summary. */
export type LoadedActivity = NonNullable<Awaited<ReturnType<Loaders['activityById']['load']>>>;

/** The activity when the viewer may see it (the one visibility policy), else null. */
export async function visibleActivity(loaders: AccessLoaders, activityId: string): Promise<LoadedActivity | null> {
  const activity = await loaders.activityById.load(activityId);
  if (!activity) return null;
  return canViewActivity(activity, await loaders.relationToAthlete.load(activity.athleteId)) ? activity : null;
}

/** An activity the viewer acts on (kudos, comments): NOT_FOUND unless they may see it. */
export async function activityTheViewerSees(loaders: AccessLoaders, activityId: string): Promise<LoadedActivity> {
  const activity = await visibleActivity(loaders, activityId);
  if (!activity) throw new NotFoundError('ACTIVITY.NOT_FOUND', 'No such activity', 'activityId');
  return activity;
}
