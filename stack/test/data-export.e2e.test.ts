import { defaultAudioCueSettings } from '@pacegraph/activity-rules';
import { readGpx } from '@pacegraph/track-files';
import { strFromU8, unzipSync } from 'fflate';
import { athletes, follow, ok, savedActivity } from './support/social.js';
import { useStack } from './support/stack.js';

describe('exportMyData through the gateway', () => {
  const harness = useStack();

  it('gives a ten-minute link to a zip of everything about the caller, with every fix as GPX, and nothing of anyone else', async () => {
    const [athlete, friend] = await athletes(harness.url, ['Exporter', 'Export friend'] as const);
    await follow(athlete, friend);
    await follow(friend, athlete);
    const first = await savedActivity(athlete, { startedAt: new Date(Date.now() - 5 * 3600_000), fixes: 40, title: 'Hill repeats' });
    const second = await savedActivity(athlete, { startedAt: new Date(Date.now() - 3 * 3600_000), fixes: 25, title: 'Easy <jog>' });
    const friendsRun = await savedActivity(friend, { startedAt: new Date(Date.now() - 4 * 3600_000), fixes: 10 });
    await ok(athlete.call('mutation ($id: ID!) { addComment(activityId: $id, text: "Well run") { id } }', { id: friendsRun }));
    await ok(friend.call('mutation ($id: ID!) { addComment(activityId: $id, text: "Brutal hills") { id } }', { id: first }));
    await ok(athlete.call('mutation { addPrivacyZone(input: { lat: 48, lon: 11, radiusMeters: 250 }) { id } }'));
    await ok(athlete.call('mutation { updateProfile(input: { bio: "Hills on Sundays", city: "Bolzano" }) { id } }'));
    await ok(athlete.call('mutation { updatePreferences(input: { units: IMPERIAL, maxHeartRateBpm: 186 }) { id } }'));

    const before = Date.now();
    const { exportMyData } = await ok(athlete.call('mutation { exportMyData { url expiresAt } }'));
    expect(Date.parse(exportMyData.expiresAt) - before).toBeGreaterThan(9 * 60_000);
    expect(Date.parse(exportMyData.expiresAt) - before).toBeLessThan(11 * 60_000);
    const origin = new URL(harness.url).origin;
    const download = await fetch(`${origin}${exportMyData.url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="pacegraph-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    const json = (name: string) => JSON.parse(strFromU8(files[name]!));

    expect(json('profile.json')).toMatchObject({
      id: athlete.id,
      name: 'Exporter',
      email: athlete.email,
      followerCount: 1,
      followingCount: 1,
      bio: 'Hills on Sundays',
      city: 'Bolzano',
      avatarUrl: null,
      preferences: { units: 'IMPERIAL', maxHeartRateBpm: 186, audioCues: defaultAudioCueSettings },
    });
    expect(json('profile.json').privacyZones).toEqual([expect.objectContaining({ lat: 48, lon: 11, radiusMeters: 250 })]);
    const follows = json('follows.json');
    expect(follows.following.map((edge: any) => edge.node.id)).toEqual([friend.id]);
    expect(follows.followers.map((edge: any) => edge.node.id)).toEqual([friend.id]);
    const activities = json('activities.json');
    expect(activities.map((activity: any) => activity.title)).toEqual(['Easy <jog>', 'Hill repeats']);
    expect(activities[1].comments.map((comment: any) => [comment.author.name, comment.text])).toEqual([['Export friend', 'Brutal hills']]);
    expect(activities[1].stats.distanceMeters).toBeGreaterThan(300);
    for (const [id, fixes] of [
      [first, 40],
      [second, 25],
    ] as const) {
      const gpx = readGpx(strFromU8(files[`activities/${id}.gpx`]!));
      expect(gpx.points).toHaveLength(fixes);
      expect(gpx.points[0]!.lat).toBeCloseTo(48, 6);
    }
    expect(json('comments-written.json').map((comment: any) => [comment.text, comment.activity.id])).toEqual([['Well run', friendsRun]]);
    // Nothing of the friend's own: not their activity's track, not their email.
    expect(files[`activities/${friendsRun}.gpx`]).toBeUndefined();
    expect(Object.values(files).some((file) => strFromU8(file).includes(friend.email))).toBe(false);

    // The link opens this download only, and an API token opens no download.
    const linkToken = exportMyData.url.split('/').pop();
    const asApi = await fetch(harness.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${linkToken}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(asApi.status).toBe(401);
    expect((await fetch(`${origin}/export/${athlete.token}`)).status).toBe(401);
    expect((await fetch(`${origin}/export/not.a.token`)).status).toBe(401);
  });
});
