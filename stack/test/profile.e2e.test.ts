import { SocialReason } from '@pacegraph/social';
import { athletes, ok, type Athlete } from './support/social.js';
import { graphql, useStack, type GraphQLResponse } from './support/stack.js';

const profileFields = 'id name bio city avatarUrl preferences { units maxHeartRateBpm }';
const updateProfile = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { ${profileFields} } }`;
const updatePreferences = `mutation ($input: UpdatePreferencesInput!) { updatePreferences(input: $input) { ${profileFields} } }`;
const userQuery = `query ($id: ID!) { user(id: $id) { ${profileFields} } }`;

/** Each error's code and reason, as a client branches on them. */
async function refusals(response: Promise<GraphQLResponse>): Promise<{ code: unknown; reason: unknown }[]> {
  const { errors } = await response;
  return (errors ?? []).map((error) => ({ code: error.extensions?.code, reason: error.extensions?.reason }));
}

const badInput = (reason: string) => [{ code: 'BAD_USER_INPUT', reason }];

describe('an athlete’s profile and preferences through the gateway', () => {
  const harness = useStack();
  let athlete: Athlete;
  let stranger: Athlete;
  beforeAll(async () => {
    [athlete, stranger] = await athletes(harness.url, ['Profile owner', 'Profile stranger'] as const);
  });

  const seenBy = async (viewer: Athlete) => (await ok(viewer.call(userQuery, { id: athlete.id }))).user;

  it('starts with no profile and metric units, no maximum heart rate', async () => {
    expect(await seenBy(athlete)).toEqual({
      id: athlete.id,
      name: 'Profile owner',
      bio: null,
      city: null,
      avatarUrl: null,
      preferences: { units: 'METRIC', maxHeartRateBpm: null },
    });
  });

  it('shows the profile to anyone and the preferences to the athlete alone', async () => {
    const input = { name: '  Ada Runner ', bio: 'Trails at dawn.', city: 'Innsbruck', avatarUrl: 'https://example.com/ada.png' };
    const profile = { name: 'Ada Runner', bio: 'Trails at dawn.', city: 'Innsbruck', avatarUrl: 'https://example.com/ada.png' };
    expect((await ok(athlete.call(updateProfile, { input }))).updateProfile).toMatchObject(profile);
    const preferences = { units: 'IMPERIAL', maxHeartRateBpm: 191 };
    expect((await ok(athlete.call(updatePreferences, { input: preferences }))).updatePreferences).toMatchObject({
      ...profile,
      preferences,
    });

    expect(await seenBy(athlete)).toEqual({ id: athlete.id, ...profile, preferences });
    expect((await ok(athlete.call(`{ me { ${profileFields} } }`))).me).toEqual({ id: athlete.id, ...profile, preferences });
    expect(await seenBy(stranger)).toEqual({ id: athlete.id, ...profile, preferences: null });
    const signedOut = await graphql(harness.url, userQuery, { id: athlete.id });
    expect(signedOut.errors).toBeUndefined();
    expect(signedOut.data?.user).toEqual({ id: athlete.id, ...profile, preferences: null });
  });

  it('keeps omitted fields, clears bio, city and avatar on null, and unsets the maximum heart rate', async () => {
    await ok(athlete.call(updateProfile, { input: { bio: 'Hills.', city: 'Graz', avatarUrl: 'https://example.com/a.png' } }));
    await ok(athlete.call(updatePreferences, { input: { units: 'IMPERIAL', maxHeartRateBpm: 185 } }));
    const kept = (await ok(athlete.call(updateProfile, { input: { city: null } }))).updateProfile;
    expect(kept).toMatchObject({ name: 'Ada Runner', bio: 'Hills.', city: null, avatarUrl: 'https://example.com/a.png' });
    const cleared = (await ok(athlete.call(updateProfile, { input: { bio: null, avatarUrl: null, name: null } }))).updateProfile;
    expect(cleared).toMatchObject({ name: 'Ada Runner', bio: null, city: null, avatarUrl: null });
    expect((await ok(athlete.call(updatePreferences, { input: { units: 'METRIC' } }))).updatePreferences.preferences).toEqual({
      units: 'METRIC',
      maxHeartRateBpm: 185,
    });
    expect((await ok(athlete.call(updatePreferences, { input: { maxHeartRateBpm: null } }))).updatePreferences.preferences).toEqual({
      units: 'METRIC',
      maxHeartRateBpm: null,
    });
  });

  it('refuses text over its limit, an empty name and an avatar URL that is not https, and changes nothing', async () => {
    await ok(athlete.call(updateProfile, { input: { bio: 'Before.' } }));
    const profile = (input: Record<string, unknown>) => refusals(athlete.call(updateProfile, { input }));
    expect(await profile({ bio: 'b'.repeat(281) })).toEqual(badInput(SocialReason.BioTooLong));
    expect(await profile({ city: 'c'.repeat(81) })).toEqual(badInput(SocialReason.CityTooLong));
    expect(await profile({ name: '   ' })).toEqual(badInput(SocialReason.NameEmpty));
    expect(await profile({ name: 'n'.repeat(81) })).toEqual(badInput(SocialReason.NameTooLong));
    expect(await profile({ avatarUrl: `https://example.com/${'a'.repeat(481)}` })).toEqual(badInput(SocialReason.AvatarUrlTooLong));
    for (const avatarUrl of ['http://example.com/a.png', 'javascript:alert(1)', 'data:image/png;base64,AAAA', 'example.com/a.png']) {
      expect({ avatarUrl, refused: await profile({ avatarUrl, bio: 'After.' }) }).toEqual({
        avatarUrl,
        refused: badInput(SocialReason.AvatarUrlNotHttps),
      });
    }
    // At the limits exactly, kept.
    const atLimits = { bio: 'b'.repeat(280), city: 'c'.repeat(80), avatarUrl: `https://example.com/${'a'.repeat(480)}` };
    expect((await ok(athlete.call(updateProfile, { input: atLimits }))).updateProfile).toMatchObject(atLimits);
    await ok(athlete.call(updateProfile, { input: { bio: 'Before.' } }));
    expect((await seenBy(stranger)).bio).toBe('Before.');

    const preferences = (input: Record<string, unknown>) => refusals(athlete.call(updatePreferences, { input }));
    expect(await preferences({ maxHeartRateBpm: 99 })).toEqual(badInput(SocialReason.BadMaxHeartRate));
    expect(await preferences({ maxHeartRateBpm: 231 })).toEqual(badInput(SocialReason.BadMaxHeartRate));
    for (const maxHeartRateBpm of [100, 230]) {
      expect(
        (await ok(athlete.call(updatePreferences, { input: { maxHeartRateBpm } }))).updatePreferences.preferences.maxHeartRateBpm,
      ).toBe(maxHeartRateBpm);
    }
    expect((await refusals(athlete.call(updatePreferences, { input: { units: 'NAUTICAL' } })))[0]?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses both to someone signed out', async () => {
    for (const [mutation, input] of [
      [updateProfile, { bio: 'Anonymous' }],
      [updatePreferences, { units: 'IMPERIAL' }],
    ] as const) {
      const answer = await graphql(harness.url, mutation, { input });
      expect((answer.errors ?? []).map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(answer.data).toBeNull();
    }
  });
});
