/**
 * What an athlete hears while recording: the settings of the spoken cues,
 * stored with their preferences (so every device of theirs agrees) and
 * followed by the client SDK, which speaks from the device's own live
 * figures (so cues work offline).
 */

/** The figures a cue can say, in the order it says them; the database's JSON and the GraphQL enum repeat this list. */
export const audioCueFields = ['ELAPSED_TIME', 'DISTANCE', 'AVERAGE_PACE', 'CURRENT_PACE', 'SPLIT_PACE', 'HEART_RATE'] as const;
export type AudioCueField = (typeof audioCueFields)[number];

/** When cues are spoken and what they say. */
export interface AudioCueSettings {
  /** Off: no cue at all. */
  enabled: boolean;
  /** Every this many kilometres (miles for an athlete in IMPERIAL units); null: none by distance. */
  everyDistance: number | null;
  /** Every this many minutes of the activity's timer (pauses stop it); null: none by time. */
  everyMinutes: number | null;
  /** A cue when the activity is paused, resumed and stopped. */
  onStatusChange: boolean;
  /** What each cue says (at least one field, each once). */
  fields: AudioCueField[];
}

/** Every kilometre (or mile): distance, time and average pace, and on pause, resume and stop, as running apps do by default. */
export const defaultAudioCueSettings: AudioCueSettings = {
  enabled: true,
  everyDistance: 1,
  everyMinutes: null,
  onStatusChange: true,
  fields: ['DISTANCE', 'ELAPSED_TIME', 'AVERAGE_PACE'],
};

/** The intervals an athlete may choose (inclusive). */
export const audioCueLimits = {
  /** Kilometres or miles: a quarter to fifty. */
  everyDistance: { min: 0.25, max: 50 },
  /** Whole minutes: one to two hours. */
  everyMinutes: { min: 1, max: 120 },
} as const;

/** Why settings cannot be stored: the field at fault and a message; null when they can. */
export function audioCueSettingsRefusal(settings: AudioCueSettings): { field: keyof AudioCueSettings; message: string } | null {
  const { everyDistance, everyMinutes, fields } = settings;
  const distance = audioCueLimits.everyDistance;
  if (everyDistance !== null && !(Number.isFinite(everyDistance) && everyDistance >= distance.min && everyDistance <= distance.max)) {
    return { field: 'everyDistance', message: `A distance cue comes every ${distance.min} to ${distance.max} km or miles` };
  }
  const minutes = audioCueLimits.everyMinutes;
  if (everyMinutes !== null && !(Number.isInteger(everyMinutes) && everyMinutes >= minutes.min && everyMinutes <= minutes.max)) {
    return { field: 'everyMinutes', message: `A time cue comes every ${minutes.min} to ${minutes.max} whole minutes` };
  }
  if (fields.length === 0 || new Set(fields).size !== fields.length || fields.some((field) => !audioCueFields.includes(field))) {
    return { field: 'fields', message: `A cue says at least one of ${audioCueFields.join(', ')}, each once` };
  }
  return null;
}

/** Settings read back from storage (JSON), or the defaults when there are none or they no longer hold. */
export function storedAudioCueSettings(stored: unknown): AudioCueSettings {
  if (typeof stored !== 'object' || stored === null) return defaultAudioCueSettings;
  const value = stored as Partial<Record<keyof AudioCueSettings, unknown>>;
  const settings = {
    enabled: value.enabled,
    everyDistance: value.everyDistance,
    everyMinutes: value.everyMinutes,
    onStatusChange: value.onStatusChange,
    fields: value.fields,
  };
  const wellTyped =
    typeof settings.enabled === 'boolean' &&
    typeof settings.onStatusChange === 'boolean' &&
    (settings.everyDistance === null || typeof settings.everyDistance === 'number') &&
    (settings.everyMinutes === null || typeof settings.everyMinutes === 'number') &&
    Array.isArray(settings.fields);
  if (!wellTyped) return defaultAudioCueSettings;
  const typed = settings as AudioCueSettings;
  return audioCueSettingsRefusal(typed) ? defaultAudioCueSettings : typed;
}
