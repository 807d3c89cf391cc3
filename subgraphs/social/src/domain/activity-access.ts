import { canViewActivity, NotFoundError, type ActivityAudience } from '@pacegraph/service-kit';
import type { Loaders } from '../loaders.js';

/** What deciding visibility takes: who may see each activity, and how the viewer stands to its athlete. */
type AccessLoaders = Pick<Loaders, 'activityAudienceById' | 'relationToAthlete'>;

/** The activity's audience when the viewer may see it (the one visibility policy), else null. */
export async function visibleActivity(loaders: AccessLoaders, activityId: string): Promise<(ActivityAudience & { id: string }) | null> {
  const activity = await loaders.activityAudienceById.load(activityId);
  if (!activity) return null;
  return canViewActivity(activity, await loaders.relationToAthlete.load(activity.athleteId)) ? activity : null;
}

/** An activity the viewer acts on (kudos, comments): NOT_FOUND unless they may see it. */
export async function activityTheViewerSees(loaders: AccessLoaders, activityId: string): Promise<ActivityAudience & { id: string }> {
  const activity = await visibleActivity(loaders, activityId);
  if (!activity) throw new NotFoundError('ACTIVITY.NOT_FOUND', 'No such activity', 'activityId');
  return activity;
}
