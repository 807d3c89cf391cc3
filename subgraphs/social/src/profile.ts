import { storedAudioCueSettings, type AudioCueSettings } from '@pacegraph/activity-rules';
import type { PrismaClient, User } from '@pacegraph/db';
import { accountDeletedError, requireViewer } from '@pacegraph/service-kit';
import { checkPreferencesChanges, type PreferencesInput } from './domain/preferences.js';
import { checkProfileChanges, type ProfileInput } from './domain/profile.js';
import { updateUser } from './store/users.js';

/** Changes the viewer's public profile (name, bio, city, avatar URL); returns their account as changed. */
export async function updateProfile(prisma: PrismaClient, viewerId: string | null, input: ProfileInput): Promise<User> {
  const userId = requireViewer(viewerId, 'edit your profile');
  return changedAccount(prisma, userId, checkProfileChanges(input));
}

/** Changes the viewer's preferences (units, maximum heart rate, spoken cues); returns their account as changed. */
export async function updatePreferences(prisma: PrismaClient, viewerId: string | null, input: PreferencesInput): Promise<User> {
  const userId = requireViewer(viewerId, 'change your preferences');
  return changedAccount(prisma, userId, checkPreferencesChanges(input));
}

async function changedAccount(prisma: PrismaClient, userId: string, changes: Parameters<typeof updateUser>[2]): Promise<User> {
  const user = await updateUser(prisma, userId, changes);
  // A token that outlived its account (the gateway learns of a deletion within its cache time).
  if (!user) throw accountDeletedError();
  return user;
}

/** The athlete's preferences, for the athlete only (null for anyone else); cue settings as stored, or the defaults. */
export function preferencesSeenBy(
  viewerId: string | null,
  user: User,
): (Pick<User, 'units' | 'maxHeartRateBpm'> & { audioCues: AudioCueSettings }) | null {
  if (user.id !== viewerId) return null;
  return { units: user.units, maxHeartRateBpm: user.maxHeartRateBpm, audioCues: storedAudioCueSettings(user.audioCues) };
}
