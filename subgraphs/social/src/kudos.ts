import type { PrismaClient } from '@pacegraph/db';
import { BadUserInputError, requireViewer } from '@pacegraph/service-kit';
import { activityTheViewerSees } from './activity-access.js';
import type { ActivityReference } from './domain/activity-reference.js';
import { SocialReason } from './domain/reasons.js';
import type { Loaders } from './loaders.js';
import { createKudos, deleteKudos } from './store/kudos.js';

/**
 * The viewer gives kudos to an activity they may see (not their own), or
 * takes theirs back: once however often asked, and taking back none given is
 * no error.
 */
export async function changeKudos(
  prisma: PrismaClient,
  viewerId: string | null,
  loaders: Loaders,
  activityId: string,
  change: 'give' | 'remove',
): Promise<ActivityReference> {
  const athleteId = requireViewer(viewerId, `${change} kudos`);
  const activity = await activityTheViewerSees(viewerId, loaders, activityId);
  if (change === 'remove') {
    await deleteKudos(prisma, activity.id, athleteId);
  } else if (activity.athleteId === athleteId) {
    throw new BadUserInputError(SocialReason.KudosOwnActivity, 'Kudos are for other athletes’ activities', 'activityId');
  } else {
    await createKudos(prisma, activity.id, athleteId);
  }
  return { id: activity.id };
}
