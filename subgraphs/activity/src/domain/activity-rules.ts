import { BadUserInputError } from '@pacegraph/service-kit';
import { ActivityReason, clientIdMaxLength, descriptionMaxLength, titleMaxLength, type Sport } from '@pacegraph/activity-rules';

const defaultTitles: Record<Sport, string> = { RUN: 'Run', RIDE: 'Ride', WALK: 'Walk', HIKE: 'Hike' };

/** The title an activity is saved with: trimmed, or the sport's name when blank. */
export function activityTitle(sport: Sport, title: string | null | undefined): string {
  const trimmed = title?.trim() ?? '';
  if (trimmed.length > titleMaxLength) {
    throw new BadUserInputError(ActivityReason.TitleTooLong, `Title must be at most ${titleMaxLength} characters`, 'title');
  }
  return trimmed || defaultTitles[sport];
}

/** A description as saved: trimmed, null when blank. */
export function activityDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  if (trimmed.length > descriptionMaxLength) {
    throw new BadUserInputError(
      ActivityReason.DescriptionTooLong,
      `Description must be at most ${descriptionMaxLength} characters`,
      'description',
    );
  }
  return trimmed || null;
}

/** The app's id for an activity: 1-64 characters, or none. */
export function activityClientId(clientId: string | null | undefined): string | null {
  if (clientId === null || clientId === undefined) return null;
  if (clientId.length === 0 || clientId.length > clientIdMaxLength) {
    throw new BadUserInputError(ActivityReason.ClientIdInvalid, `clientId must be 1 to ${clientIdMaxLength} characters`, 'clientId');
  }
  return clientId;
}
