import { BadUserInputError } from '@pacegraph/service-kit';
import { checkName } from './account-rules.js';
import { SocialReason } from './reasons.js';

/** Characters a bio holds, once trimmed. @default 280 */
export const bioMaxLength = 280;
/** Characters a city holds, once trimmed. @default 80 */
export const cityMaxLength = 80;
/** Characters an avatar URL holds. @default 500 */
export const avatarUrlMaxLength = 500;

/** What `updateProfile` takes: an omitted field (undefined) stays; null clears bio, city and avatar URL and keeps the name. */
export interface ProfileInput {
  name?: string | null;
  bio?: string | null;
  city?: string | null;
  avatarUrl?: string | null;
}

/** The columns a profile update writes: only those it changes. */
export interface ProfileChanges {
  name?: string;
  bio?: string | null;
  city?: string | null;
  avatarUrl?: string | null;
}

/** Free text as stored: trimmed, and null once empty (an empty bio is no bio). */
function optionalText(value: string | null, maxLength: number, reason: SocialReason, label: string, field: string): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > maxLength) throw new BadUserInputError(reason, `${label} must be at most ${maxLength} characters`, field);
  return trimmed.length ? trimmed : null;
}

/** The URL `text` is, or null when it is none. */
function parsedUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * An avatar URL as stored, or null to clear it: only absolute https URLs,
 * since apps put it in an image's source (an http one would load in the clear,
 * a `data:` or `javascript:` one is not a picture somewhere else).
 */
function avatarUrl(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed.length) return null;
  if (trimmed.length > avatarUrlMaxLength) {
    throw new BadUserInputError(
      SocialReason.AvatarUrlTooLong,
      `The avatar URL must be at most ${avatarUrlMaxLength} characters`,
      'avatarUrl',
    );
  }
  if (parsedUrl(trimmed)?.protocol !== 'https:') {
    throw new BadUserInputError(SocialReason.AvatarUrlNotHttps, 'The avatar URL must be an absolute https URL', 'avatarUrl');
  }
  return trimmed;
}

/** Checks a profile update, naming the field at fault; returns the columns it changes. */
export function checkProfileChanges(input: ProfileInput): ProfileChanges {
  const changes: ProfileChanges = {};
  if (input.name !== undefined && input.name !== null) changes.name = checkName(input.name);
  if (input.bio !== undefined) changes.bio = optionalText(input.bio, bioMaxLength, SocialReason.BioTooLong, 'The bio', 'bio');
  if (input.city !== undefined) changes.city = optionalText(input.city, cityMaxLength, SocialReason.CityTooLong, 'The city', 'city');
  if (input.avatarUrl !== undefined) changes.avatarUrl = avatarUrl(input.avatarUrl);
  return changes;
}
