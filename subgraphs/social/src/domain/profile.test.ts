import { BadUserInputError } from '@pacegraph/service-kit';
import { checkPreferencesChanges } from './preferences.js';
import { checkProfileChanges } from './profile.js';
import { SocialReason } from './reasons.js';

describe('profile rules', () => {
  it('changes only the fields given, trimmed; null or blank clears bio, city and avatar and keeps the name', () => {
    expect(checkProfileChanges({ bio: '  Trails.  ' })).toEqual({ bio: 'Trails.' });
    expect(checkProfileChanges({ name: ' Ada ', city: '   ', avatarUrl: ' https://example.com/a.png ' })).toEqual({
      name: 'Ada',
      city: null,
      avatarUrl: 'https://example.com/a.png',
    });
    expect(checkProfileChanges({ name: null, bio: null, city: null, avatarUrl: null })).toEqual({ bio: null, city: null, avatarUrl: null });
    expect(checkProfileChanges({})).toEqual({});
  });

  it('keeps text at its limits', () => {
    const atLimits = { bio: 'b'.repeat(280), city: 'c'.repeat(80), avatarUrl: `https://example.com/${'a'.repeat(480)}` };
    expect(checkProfileChanges(atLimits)).toEqual(atLimits);
  });

  it.each([
    ['name', { name: '  ' }, SocialReason.NameEmpty],
    ['name', { name: 'n'.repeat(81) }, SocialReason.NameTooLong],
    ['bio', { bio: 'b'.repeat(281) }, SocialReason.BioTooLong],
    ['city', { city: 'c'.repeat(81) }, SocialReason.CityTooLong],
    ['avatarUrl', { avatarUrl: `https://example.com/${'a'.repeat(481)}` }, SocialReason.AvatarUrlTooLong],
    ['avatarUrl', { avatarUrl: 'http://example.com/a.png' }, SocialReason.AvatarUrlNotHttps],
    ['avatarUrl', { avatarUrl: 'javascript:alert(1)' }, SocialReason.AvatarUrlNotHttps],
    ['avatarUrl', { avatarUrl: 'data:image/png;base64,AAAA' }, SocialReason.AvatarUrlNotHttps],
    ['avatarUrl', { avatarUrl: '//example.com/a.png' }, SocialReason.AvatarUrlNotHttps],
    ['avatarUrl', { avatarUrl: 'https://' }, SocialReason.AvatarUrlNotHttps],
  ])('refuses a bad %s (%j) naming the field', (field, input, reason) => {
    const attempt = () => checkProfileChanges(input);
    expect(attempt).toThrow(BadUserInputError);
    expect(attempt).toThrow(expect.objectContaining({ field, reason, code: 'BAD_USER_INPUT' }));
  });
});

describe('preference rules', () => {
  it('changes only the fields given; a null maximum heart rate unsets it, null units stay', () => {
    expect(checkPreferencesChanges({ units: 'IMPERIAL' })).toEqual({ units: 'IMPERIAL' });
    expect(checkPreferencesChanges({ units: null, maxHeartRateBpm: null })).toEqual({ maxHeartRateBpm: null });
    expect(checkPreferencesChanges({ maxHeartRateBpm: 100 })).toEqual({ maxHeartRateBpm: 100 });
    expect(checkPreferencesChanges({ maxHeartRateBpm: 230 })).toEqual({ maxHeartRateBpm: 230 });
  });

  it.each([99, 231, 180.5])('refuses a maximum heart rate of %d bpm', (maxHeartRateBpm) => {
    expect(() => checkPreferencesChanges({ maxHeartRateBpm })).toThrow(
      expect.objectContaining({ field: 'maxHeartRateBpm', reason: SocialReason.BadMaxHeartRate, code: 'BAD_USER_INPUT' }),
    );
  });
});
