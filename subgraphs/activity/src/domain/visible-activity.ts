import type { Activity } from '@pacegraph/db';
import { canViewActivity } from '@pacegraph/service-kit';
import type { Loaders } from '../loaders.js';

/** The activity when the viewer may see it (the one visibility policy), else null. */
export async function visibleActivity(loaders: Loaders, id: string): Promise<Activity | null> {
  const activity = await loaders.activityById.load(id);
  if (!activity) return null;
  return canViewActivity(activity, await loaders.relationToAthlete.load(activity.athleteId)) ? activity : null;
}
