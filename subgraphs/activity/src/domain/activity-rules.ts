import { BadUserInputError } from '@pacegraph/service-kit';

export const sports = ['RUN', 'RIDE', 'WALK', 'HIKE'] as const;
export type Sport = (typeof sports)[number];

export const titleMaxLength = 120;

const defaultTitles: Record<Sport, string> = { RUN: 'Run', RIDE: 'Ride', WALK: 'Walk', HIKE: 'Hike' };

/** The title an activity is saved with: trimmed, or the sport's name when blank. */
export function activityTitle(sport: Sport, title: string | null | undefined): string {
  const trimmed = title?.trim() ?? '';
  if (trimmed.length > titleMaxLength) {
    throw new BadUserInputError('ACTIVITY.TITLE_TOO_LONG', `Title must be at most ${titleMaxLength} characters`, 'title');
  }
  return trimmed || defaultTitles[sport];
}
