import { BadUserInputError } from '@pacegraph/service-kit';
import { SocialReason } from './reasons.js';

/** The units an athlete reads figures in: the one list, which the database's and the schema's `Units` repeat. */
export const units = ['METRIC', 'IMPERIAL'] as const;
export type Units = (typeof units)[number];

/** The maximum heart rates an athlete may set, in beats per minute (inclusive). */
export const maxHeartRateBpmRange = { min: 100, max: 230 } as const;

/** What `updatePreferences` takes: an omitted field stays; a null maximum heart rate goes back to the default, a null `units` stays. */
export interface PreferencesInput {
  units?: Units | null;
  maxHeartRateBpm?: number | null;
}

/** The columns a preferences update writes: only those it changes. */
export interface PreferencesChanges {
  units?: Units;
  maxHeartRateBpm?: number | null;
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
  return changes;
}
