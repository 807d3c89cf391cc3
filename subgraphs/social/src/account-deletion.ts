import type { PrismaClient } from '@pacegraph/db';
import { athleteActivitiesOfStatus } from '@pacegraph/db/reads/activity';
import {
  publishActivityStatus,
  requireViewer,
  UnauthenticatedError,
  type ActivityStatusEvent,
  type EventBus,
  type Logger,
} from '@pacegraph/service-kit';
import { announceRevocation } from './sessions.js';
import { verifyPassword } from './domain/password.js';
import { SocialReason } from './domain/reasons.js';
import { announceFollowsChanged } from './following-live.js';
import { followersOf } from './store/follows.js';
import { deleteUser, lockUser, userById } from './store/users.js';

const unfinished = ['NOT_STARTED', 'ACTIVE', 'PAUSED', 'STOPPED'] as const;

/**
 * Erases the viewer's account and everything about them, confirmed with
 * their password: their activities with every fix, stat and route, their
 * follows both ways, the kudos and comments they gave and got, their privacy
 * zones. One transaction (the database cascades from the account). Then the
 * rest of the system lets go: activities still recording are announced as
 * discarded (live watchers' streams end, telemetry forgets their live
 * tracks), followers' "out now" views stop listening, and every gateway
 * refuses the athlete's access tokens and closes their sockets. Nothing about an
 * athlete is stored in Redis; it only carries these messages.
 */
export async function deleteAccount(
  prisma: PrismaClient,
  bus: EventBus,
  log: Logger,
  viewerId: string | null,
  password: string,
): Promise<string> {
  const athleteId = requireViewer(viewerId, 'delete your account');
  const user = await userById(prisma, athleteId);
  if (!user || !(await verifyPassword(password, user.passwordHash))) {
    throw new UnauthenticatedError(SocialReason.BadCredentials, 'The password is incorrect', 'password');
  }
  const [recording, followers] = await prisma.$transaction(async (tx) => {
    // Locked first: an activity or follow being created meanwhile waits, then fails, instead of
    // slipping in between the reads below and the delete.
    await lockUser(tx, athleteId);
    const activities = await athleteActivitiesOfStatus(tx, athleteId, unfinished);
    const followerIds = await followersOf(tx, athleteId);
    await deleteUser(tx, athleteId);
    return [activities, followerIds] as const;
  });
  // Its tokens die with it: every gateway refuses them and closes its sockets.
  await announceRevocation(bus, log, athleteId, null);
  // Followers' "out now" views stop listening (and the athlete's own, should one be open); one
  // that still hears of a discard gets it without the athlete.
  await Promise.all([...followers, athleteId].map((followerId) => announceFollowsChanged(bus, log, followerId)));
  const at = new Date().toISOString();
  for (const activity of recording) {
    const event: ActivityStatusEvent = {
      activityId: activity.id,
      athleteId,
      status: 'DISCARDED',
      previousStatus: activity.status,
      at,
      visibility: activity.visibility,
      startedAt: activity.startedAt?.toISOString() ?? null,
    };
    await publishActivityStatus(bus, event).catch((error: unknown) =>
      log.warn({ err: error, activityId: activity.id }, 'could not announce a deleted account’s activity'),
    );
  }
  return athleteId;
}
