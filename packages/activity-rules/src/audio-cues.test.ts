import { audioCueSettingsRefusal, defaultAudioCueSettings, storedAudioCueSettings, type AudioCueSettings } from './audio-cues.js';

describe('spoken cue settings', () => {
  it.each([
    ['a distance under a quarter', { everyDistance: 0.2 }, 'everyDistance'],
    ['a distance over fifty', { everyDistance: 51 }, 'everyDistance'],
    ['a fraction of a minute', { everyMinutes: 1.5 }, 'everyMinutes'],
    ['over two hours', { everyMinutes: 121 }, 'everyMinutes'],
    ['nothing to say', { fields: [] }, 'fields'],
    ['a field twice', { fields: ['DISTANCE', 'DISTANCE'] }, 'fields'],
    ['a field that is none', { fields: ['SPEED'] }, 'fields'],
  ] as const)('refuses %s', (_, change, field) => {
    expect(audioCueSettingsRefusal({ ...defaultAudioCueSettings, ...(change as Partial<AudioCueSettings>) })?.field).toBe(field);
  });

  it('takes the limits themselves, and no interval at all', () => {
    for (const change of [{ everyDistance: 0.25, everyMinutes: 1 }, { everyDistance: 50, everyMinutes: 120 }, { everyDistance: null }]) {
      expect(audioCueSettingsRefusal({ ...defaultAudioCueSettings, ...change })).toBeNull();
    }
  });

  it('reads stored settings back, or the defaults for none or for settings that no longer hold', () => {
    const settings: AudioCueSettings = {
      enabled: false,
      everyDistance: null,
      everyMinutes: 5,
      onStatusChange: false,
      fields: ['HEART_RATE'],
    };
    expect(storedAudioCueSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
    expect(storedAudioCueSettings(null)).toEqual(defaultAudioCueSettings);
    expect(storedAudioCueSettings({ ...settings, everyMinutes: 0 })).toEqual(defaultAudioCueSettings);
    expect(storedAudioCueSettings({ ...settings, enabled: 'yes' })).toEqual(defaultAudioCueSettings);
  });
});
