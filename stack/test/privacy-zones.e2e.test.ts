import { distanceMeters, decodePolyline } from '@pacegraph/track-math';
import { liveClient, subscribe } from './support/live-client.js';
import { athletes, codes, follow, ok, savedActivity, type Athlete } from './support/social.js';
import { useStack } from './support/stack.js';

/** The fixes savedActivity records run north from here, 9 m apart. */
const fixAt = (seq: number) => ({ lat: 48 + (9 * seq) / 111_200, lon: 11 });
const home = fixAt(100);
const routeQuery = `query ($id: ID!) { activity(id: $id) {
  stats { distanceMeters movingTimeSeconds } route { polyline pointCount segments bounds { south north } } } }`;

describe('privacy zones through the gateway', () => {
  const harness = useStack();
  const addZone = (who: Athlete, input: Record<string, number>) =>
    who.call('mutation ($input: PrivacyZoneInput!) { addPrivacyZone(input: $input) { id lat lon radiusMeters } }', { input });
  let owner: Athlete;
  let follower: Athlete;
  let stranger: Athlete;
  beforeAll(async () => {
    [owner, follower, stranger] = await athletes(harness.url, ['Zone owner', 'Zone follower', 'Zone stranger'] as const);
    await follow(follower, owner);
    await ok(addZone(owner, { ...home, radiusMeters: 200 }));
  });

  it('keeps zones of 200 to 1,600 m, shows them to their athlete only, and removes them', async () => {
    const [keeper] = await athletes(harness.url, ['Zone keeper'] as const);
    expect(await codes(addZone(keeper, { ...home, radiusMeters: 150 }))).toEqual(['BAD_USER_INPUT']);
    expect(await codes(addZone(keeper, { ...home, radiusMeters: 1700 }))).toEqual(['BAD_USER_INPUT']);
    expect(await codes(addZone(keeper, { lat: 95, lon: 11, radiusMeters: 300 }))).toEqual(['BAD_USER_INPUT']);
    const extra = (await ok(addZone(keeper, { lat: 10, lon: 10, radiusMeters: 300 }))).addPrivacyZone;
    expect(extra).toMatchObject({ lat: 10, lon: 10, radiusMeters: 300 });
    expect((await ok(keeper.call('{ me { privacyZones { id } } }'))).me.privacyZones).toEqual([{ id: extra.id }]);
    expect(await codes(stranger.call('query ($id: ID!) { user(id: $id) { privacyZones { id } } }', { id: keeper.id }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await codes(stranger.call('mutation ($id: ID!) { removePrivacyZone(id: $id) }', { id: extra.id }))).toEqual(['NOT_FOUND']);
    expect((await ok(keeper.call('mutation ($id: ID!) { removePrivacyZone(id: $id) }', { id: extra.id }))).removePrivacyZone).toBe(
      extra.id,
    );
    expect((await ok(keeper.call('{ me { privacyZones { id } } }'))).me.privacyZones).toEqual([]);
  });

  it('cuts the route where it passes a zone, in its middle, for everyone but the athlete; distance and time stay whole', async () => {
    const id = await savedActivity(owner, { startedAt: new Date(Date.now() - 3 * 3600_000), fixes: 200, visibility: 'EVERYONE' });
    const seen = async (viewer: Athlete) => (await ok(viewer.call(routeQuery, { id }))).activity;
    const own = await seen(owner);
    expect(own.route.segments).toEqual([own.route.polyline]);
    // The athlete's route runs straight through the zone (simplified to its two ends).
    expect(own.route.bounds.south).toBeLessThan(home.lat);
    expect(own.route.bounds.north).toBeGreaterThan(home.lat);
    for (const viewer of [follower, stranger]) {
      const theirs = await seen(viewer);
      // Whole for everyone (to the millimetre: archiving the track a moment after saving rounds positions).
      expect(theirs.stats.distanceMeters).toBeCloseTo(own.stats.distanceMeters, 2);
      expect(theirs.stats.movingTimeSeconds).toBe(own.stats.movingTimeSeconds);
      expect(theirs.route.segments).toHaveLength(2);
      // The joined polyline too: every position drawn lies outside the zone.
      const joined = decodePolyline(theirs.route.polyline);
      expect(Math.min(...joined.map((position) => distanceMeters(position, home)))).toBeGreaterThan(200);
      const positions = theirs.route.segments.flatMap((segment: string) => decodePolyline(segment));
      // Nothing within the radius asked for, and the route's two ends still shown.
      expect(Math.min(...positions.map((position: { lat: number; lon: number }) => distanceMeters(position, home)))).toBeGreaterThan(200);
      expect(distanceMeters(positions[0], fixAt(0))).toBeLessThan(30);
      expect(distanceMeters(positions.at(-1), fixAt(199))).toBeLessThan(30);
    }
  });

  it('never sends others a live position inside a zone, and says where the stored route ends for a live view to join it', async () => {
    const created = await ok(owner.call('mutation { createActivity(input: { sport: RUN }) { id } }'));
    const id = created.createActivity.id as string;
    const start = Date.now() - 3600_000;
    const time = (seq: number) => new Date(start + 1000 + 3000 * seq).toISOString();
    await ok(
      owner.call('mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { id } }', {
        id,
        at: new Date(start).toISOString(),
      }),
    );
    const record = (from: number, count: number) =>
      ok(
        owner.call(
          'mutation ($id: ID!, $points: [TrackPointInput!]!) { recordTrackPoints(activityId: $id, points: $points) { accepted } }',
          {
            id,
            points: Array.from({ length: count }, (_, index) => ({
              seq: from + index,
              time: time(from + index),
              ...fixAt(from + index),
              accuracy: 4,
            })),
          },
        ),
      );
    const routeEnd = async (viewer: Athlete) =>
      (await ok(viewer.call('query ($id: ID!) { activity(id: $id) { route { lastFixAt endsHidden } } }', { id }))).activity.route;
    const client = liveClient(harness.url, stranger.token);
    try {
      const stream = subscribe(
        client,
        'subscription ($id: ID!) { liveActivity(activityId: $id) { distanceMeters lastPoint { lat lon } } }',
        { id },
      );
      await stream.update();
      await record(0, 20);
      expect((await stream.update()).lastPoint).not.toBeNull();
      await record(20, 80);
      const inside = await stream.update();
      expect(inside.lastPoint).toBeNull();
      expect(inside.distanceMeters).toBeGreaterThan(800);
      expect(await routeEnd(stranger)).toEqual({ lastFixAt: time(99), endsHidden: true });
      expect(await routeEnd(owner)).toEqual({ lastFixAt: time(99), endsHidden: false });
      await record(100, 100);
      const outside = await stream.update();
      expect(distanceMeters(outside.lastPoint, fixAt(199))).toBeLessThan(1);
      expect(await routeEnd(stranger)).toEqual({ lastFixAt: time(199), endsHidden: false });
    } finally {
      await client.dispose();
    }
  });
});
