import type { PrismaClient } from '@pacegraph/db';
import { BadUserInputError, requireViewer } from '@pacegraph/service-kit';
import { activityTheViewerSees } from './activity-access.js';
import type { ActivityReference } from './domain/activity-reference.js';
import type { Loaders } from './loaders.js';
import { createKudos, deleteKudos } from './store/kudos.js';

/** The viewer gives kudos to an activity they may see, once however often asked; not to their own. */
export async function giveKudos(
  prisma: PrismaClient,
  viewerId: string | null,
  loaders: Loaders,
  activityId: string,
): Promise<ActivityReference> {
  const athleteId = requireViewer(viewerId, 'give kudos');
  const activity = await activityTheViewerSees(viewerId, loaders, activityId);
  if (activity.athleteId === athleteId) {
    throw new BadUserInputError('KUDOS.OWN_ACTIVITY', 'Kudos are for other athletes’ activities', 'activityId');
  }
  await createKudos(prisma, activity.id, athleteId);
  return { id: activity.id };
}

/** The viewer takes back their kudos; none given is no error. */
export async function removeKudos(
  prisma: PrismaClient,
  viewerId: string | null,
  loaders: Loaders,
  activityId: string,
): Promise<ActivityReference> {
  const athleteId = requireViewer(viewerId, 'remove kudos');
  const activity = await activityTheViewerSees(viewerId, loaders, activityId);
  await deleteKudos(prisma, activity.id, athleteId);
  return { id: activity.id };
}
