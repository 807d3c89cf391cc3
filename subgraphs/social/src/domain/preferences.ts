import { audioCueSettingsRefusal, type AudioCueSettings } from '@pacegraph/activity-rules';
import { BadUserInputError } from '@pacegraph/service-kit';
import { SocialReason } from './reasons.js';

/** The units an athlete reads figures in: the one list, which the database's and the schema's `Units` repeat. */
export const units = ['METRIC', 'IMPERIAL'] as const;
export type Units = (typeof units)[number];

/** The maximum heart rates an athlete may set, in beats per minute (inclusive). */
export const maxHeartRateBpmRange = { min: 100, max: 230 } as const;

/**
 * What `updatePreferences` takes: an omitted field stays; a null maximum heart
 * rate or cue settings go back to the defaults, a null `units` stays.
 */
export interface PreferencesInput {
  units?: Units | null;
  maxHeartRateBpm?: number | null;
  /** An omitted interval is none. */
  audioCues?:
    (Omit<AudioCueSettings, 'everyDistance' | 'everyMinutes'> & { everyDistance?: number | null; everyMinutes?: number | null }) | null;
}

/** The columns a preferences update writes: only those it changes (null cue settings: the defaults). */
export interface PreferencesChanges {
  units?: Units;
  maxHeartRateBpm?: number | null;
  audioCues?: AudioCueSettings | null;
}

/** Checks a preferences update, naming the field at fault; returns the columns it changes. */
export function checkPreferencesChanges(input: PreferencesInput): PreferencesChanges {
  const changes: PreferencesChanges = {};
  if (input.units !== undefined && input.units !== null) changes.units = input.units;
  const bpm = input.maxHeartRateBpm;
  if (bpm !== undefined) {
    const { min, max } = maxHeartRateBpmRange;
    if (bpm !== null && !(Number.isInteger(bpm) && bpm >= min && bpm <= max)) {
      throw new BadUserInputError(SocialReason.BadMaxHeartRate, `The maximum heart rate is ${min} to ${max} bpm`, 'maxHeartRateBpm');
    }
    changes.maxHeartRateBpm = bpm;
  }
  if (input.audioCues !== undefined) {
    const cues = input.audioCues && {
      ...input.audioCues,
      everyDistance: input.audioCues.everyDistance ?? null,
      everyMinutes: input.audioCues.everyMinutes ?? null,
    };
    const refusal = cues && audioCueSettingsRefusal(cues);
    if (refusal) throw new BadUserInputError(SocialReason.BadAudioCues, refusal.message, `audioCues.${refusal.field}`);
    changes.audioCues = cues;
  }
  return changes;
}
