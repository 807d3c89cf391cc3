import { useStackDatabase, untilArchived } from './support/stored.js';
import { liveClient, subscribe, type LiveStream } from './support/live-client.js';
import { athletes, codes, ok, savedActivity, type Athlete } from './support/social.js';
import { useStack } from './support/stack.js';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
const update = `mutation ($id: ID!, $input: UpdateActivityInput!) {
  updateActivity(id: $id, input: $input) { id title description sport visibility status } }`;
const remove = 'mutation ($id: ID!) { deleteActivity(id: $id) }';
const liveQuery = 'subscription ($id: ID!) { liveActivity(activityId: $id) { status distanceMeters } }';
const outNowQuery = 'subscription { followingLive { kind activity { id } } }';

/** The ids of the viewer's feed. */
const feedOf = async (viewer: Athlete) =>
  ((await ok(viewer.call('{ feed(first: 50) { edges { node { id } } } }'))).feed.edges as { node: { id: string } }[]).map(
    (edge) => edge.node.id,
  );
/** The ids of `athlete`'s history, as `viewer` sees it. */
const historyOf = async (viewer: Athlete, athlete: Athlete) =>
  (
    (await ok(viewer.call('query ($id: ID!) { user(id: $id) { activities(first: 50) { edges { node { id } } } } }', { id: athlete.id })))
      .user.activities.edges as { node: { id: string } }[]
  ).map((edge) => edge.node.id);
/** `athlete`'s all-time totals as `viewer` sees them: [sport, count, distance]. */
const totalsOf = async (viewer: Athlete, athlete: Athlete) =>
  (
    (await ok(viewer.call('query ($id: ID!) { user(id: $id) { totals { allTime { sport count distanceMeters } } } }', { id: athlete.id })))
      .user.totals.allTime as { sport: string; count: number; distanceMeters: number }[]
  ).map((sport) => [sport.sport, sport.count, Math.round(sport.distanceMeters)]);
const activityAs = async (viewer: Athlete, id: string) =>
  (await ok(viewer.call('query ($id: ID!) { activity(id: $id) { id title visibility } }', { id }))).activity;

/** Starts an activity through the gateway and records `fixes` fixes, one every 3 s, running north. */
async function recording(owner: Athlete, visibility = 'EVERYONE', fixes = 5): Promise<string> {
  const created = await ok(
    owner.call('mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }', { input: { sport: 'RUN', visibility } }),
  );
  const id = created.createActivity.id as string;
  const start = hoursAgo(0.5);
  await ok(owner.call('mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { id } }', { id, at: start.toISOString() }));
  await recordFixes(owner, id, start, 0, fixes);
  return id;
}

async function recordFixes(owner: Athlete, id: string, start: Date, from: number, count: number) {
  const points = Array.from({ length: count }, (_, index) => {
    const seq = from + index;
    return {
      seq,
      time: new Date(start.getTime() + (3 * seq + 1) * 1000).toISOString(),
      lat: 50 + (9 * seq) / 111_200,
      lon: 7,
      accuracy: 4,
    };
  });
  await ok(
    owner.call('mutation ($id: ID!, $points: [TrackPointInput!]!) { recordTrackPoints(activityId: $id, points: $points) { accepted } }', {
      id,
      points,
    }),
  );
}

/** The next followingLive event, skipping the connection's STALE/CAUGHT_UP. */
async function nextOutNow(stream: LiveStream) {
  for (;;) {
    const result = await stream.next(10_000);
    const event = result.data?.followingLive as { kind: string; activity: { id: string } | null } | undefined;
    if (!event) throw new Error(`expected an out-now event, got ${JSON.stringify(result)}`);
    if (event.kind !== 'STALE' && event.kind !== 'CAUGHT_UP') return event;
  }
}

/** The results a stream has left once it ends; fails when it does not end within 10 s. */
async function restOf(stream: LiveStream) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the stream did not end')), 10_000)));
  await Promise.race([stream.completed, timeout]).finally(() => clearTimeout(timer));
  const results = [];
  while (stream.pending() > 0) results.push(await stream.next());
  return results;
}

/** What `leftOf` counts for an activity deleted for good: not a row anywhere. */
const nothingLeft = { activities: 0, events: 0, trackPoints: 0, archivedTracks: 0, trackChunks: 0, kudos: 0, comments: 0 };

describe('editing and deleting an activity through the gateway', () => {
  const harness = useStack();
  const database = useStackDatabase(harness);
  let owner: Athlete;
  let follower: Athlete;
  let stranger: Athlete;
  beforeAll(async () => {
    [owner, follower, stranger] = await athletes(harness.url, ['Editor', 'Editor’s follower', 'Stranger'] as const);
    await ok(follower.call('mutation ($id: ID!) { follow(userId: $id) { id } }', { id: owner.id }));
  });

  it('edits title, description, sport and visibility with the limits of saving, for the athlete only', async () => {
    const id = await savedActivity(owner, { startedAt: hoursAgo(30), title: 'Morning run' });
    const edited = await ok(
      owner.call(update, { id, input: { title: '  Hill repeats ', description: ' 6 × 400 m ', visibility: 'FOLLOWERS' } }),
    );
    expect(edited.updateActivity).toEqual({
      id,
      title: 'Hill repeats',
      description: '6 × 400 m',
      sport: 'RUN',
      visibility: 'FOLLOWERS',
      status: 'COMPLETED',
    });
    // Left out stays; null clears the description; a blank title is the (new) sport's name.
    const again = await ok(owner.call(update, { id, input: { description: null, title: ' ', sport: 'HIKE' } }));
    expect(again.updateActivity).toMatchObject({ title: 'Hike', description: null, sport: 'HIKE', visibility: 'FOLLOWERS' });

    const refusal = async (who: Athlete, activityId: string, input: Record<string, unknown>) => {
      const result = await who.call(update, { id: activityId, input });
      return result.errors?.map((error) => [error.extensions?.code, error.extensions?.reason]);
    };
    expect(await refusal(owner, id, { title: 't'.repeat(121) })).toEqual([['BAD_USER_INPUT', 'ACTIVITY.TITLE_TOO_LONG']]);
    expect(await refusal(owner, id, { description: 'd'.repeat(2001) })).toEqual([['BAD_USER_INPUT', 'ACTIVITY.DESCRIPTION_TOO_LONG']]);
    expect(await refusal(owner, id, {})).toEqual([['BAD_USER_INPUT', 'ACTIVITY.NOTHING_TO_UPDATE']]);
    expect(await refusal(stranger, id, { title: 'Mine now' })).toEqual([['FORBIDDEN', 'ACTIVITY.NOT_OWNER']]);
    expect(await refusal(owner, '00000000-0000-4000-8000-000000000000', { title: 'Nothing' })).toEqual([
      ['NOT_FOUND', 'ACTIVITY.NOT_FOUND'],
    ]);

    const live = await recording(owner);
    expect(await refusal(owner, live, { sport: 'RIDE' })).toEqual([['CONFLICT', 'ACTIVITY.SPORT_FIXED_WHILE_RECORDING']]);
    expect((await ok(owner.call(update, { id: live, input: { title: 'Still going' } }))).updateActivity.title).toBe('Still going');
    await ok(owner.call('mutation ($id: ID!) { discardActivity(id: $id) { id } }', { id: live }));
    expect(await refusal(owner, live, { title: 'Too late' })).toEqual([['CONFLICT', 'ACTIVITY.DISCARDED']]);

    expect(await activityAs(owner, id)).toEqual({ id, title: 'Hike', visibility: 'FOLLOWERS' });
  }, 60_000);

  it('moves the totals to the new sport', async () => {
    const [rider] = await athletes(harness.url, ['Rider'] as const);
    const id = await savedActivity(rider, { startedAt: hoursAgo(5), sport: 'RUN', fixes: 40 });
    await untilArchived(database, id);
    const before = await totalsOf(stranger, rider);
    const distance = before[0]?.[2];
    expect(distance).toBeGreaterThan(35 * 9);
    expect(before).toEqual([['RUN', 1, distance]]);
    await ok(rider.call(update, { id, input: { sport: 'RIDE' } }));
    expect(await totalsOf(stranger, rider)).toEqual([['RIDE', 1, distance]]);
    expect(await totalsOf(rider, rider)).toEqual([['RIDE', 1, distance]]);
  }, 60_000);

  it('takes an activity edited to ONLY_ME away from every other viewer at once: feed, history, totals, activity(id), live stream, out now', async () => {
    const [athlete] = await athletes(harness.url, ['Private person'] as const);
    await ok(follower.call('mutation ($id: ID!) { follow(userId: $id) { id } }', { id: athlete.id }));
    const saved = await savedActivity(athlete, { startedAt: hoursAgo(3), fixes: 30 });
    await untilArchived(database, saved);

    const followerClient = liveClient(harness.url, follower.token);
    const strangerClient = liveClient(harness.url, stranger.token);
    const ownClient = liveClient(harness.url, athlete.token);
    try {
      const outNow = subscribe(followerClient, outNowQuery);
      // The stream listens once it knows whom the follower follows: a start it hears proves it.
      const warmUp = await recording(athlete, 'EVERYONE', 0);
      expect(await nextOutNow(outNow)).toEqual({ kind: 'STARTED', activity: { id: warmUp } });
      await ok(athlete.call(remove, { id: warmUp }));
      expect(await nextOutNow(outNow)).toEqual({ kind: 'DISCARDED', activity: null });

      const live = await recording(athlete, 'FOLLOWERS');
      expect(await nextOutNow(outNow)).toEqual({ kind: 'STARTED', activity: { id: live } });
      const followerWatch = subscribe(followerClient, liveQuery, { id: live });
      const ownWatch = subscribe(ownClient, liveQuery, { id: live });
      expect((await followerWatch.update()).status).toBe('ACTIVE');
      expect((await ownWatch.update()).status).toBe('ACTIVE');
      // A public one the stranger watches.
      await ok(athlete.call(update, { id: live, input: { visibility: 'EVERYONE' } }));
      const strangerWatch = subscribe(strangerClient, liveQuery, { id: live });
      expect((await strangerWatch.update()).status).toBe('ACTIVE');

      for (const viewer of [follower, stranger]) {
        expect(await activityAs(viewer, saved)).toMatchObject({ id: saved });
        expect(await historyOf(viewer, athlete)).toEqual([saved]);
        expect((await totalsOf(viewer, athlete)).map(([sport, count]) => [sport, count])).toEqual([['RUN', 1]]);
      }
      expect(await feedOf(follower)).toContain(saved);

      await ok(athlete.call(update, { id: saved, input: { visibility: 'ONLY_ME' } }));
      await ok(athlete.call(update, { id: live, input: { visibility: 'ONLY_ME' } }));
      // The follower's "out now" takes it away (the edit to EVERYONE before told them nothing new).
      expect(await nextOutNow(outNow)).toEqual({ kind: 'HIDDEN', activity: null });

      for (const viewer of [follower, stranger]) {
        expect(await activityAs(viewer, saved)).toBeNull();
        expect(await activityAs(viewer, live)).toBeNull();
        expect(await historyOf(viewer, athlete)).toEqual([]);
        expect(await totalsOf(viewer, athlete)).toEqual([]);
      }
      expect(await feedOf(follower)).not.toContain(saved);
      // The live streams of the others end as a refused one does; the athlete's goes on.
      // (The follower may still have the update the edit to EVERYONE sent.)
      const followerRest = await restOf(followerWatch);
      expect(followerRest.at(-1)?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const strangerRest = await restOf(strangerWatch);
      expect(strangerRest.map((result) => result.errors?.[0]?.extensions?.code)).toEqual(['NOT_FOUND']);
      await recordFixes(athlete, live, hoursAgo(0.5), 5, 5);
      let own = await ownWatch.update();
      while (own.distanceMeters < 8 * 9) own = await ownWatch.update();
      expect(own.status).toBe('ACTIVE');
      // Made visible again while still recording, it is out now again; private once more, hidden again.
      await ok(athlete.call(update, { id: live, input: { visibility: 'FOLLOWERS' } }));
      expect(await nextOutNow(outNow)).toEqual({ kind: 'STARTED', activity: { id: live } });
      await ok(athlete.call(update, { id: live, input: { visibility: 'ONLY_ME' } }));
      expect(await nextOutNow(outNow)).toEqual({ kind: 'HIDDEN', activity: null });

      // Saved as ONLY_ME, it is no news to the follower; a public start after it is the next they hear of.
      await ok(athlete.call('mutation ($id: ID!) { stopActivity(id: $id) { id } }', { id: live }));
      await ok(athlete.call('mutation ($id: ID!) { completeActivity(id: $id) { id } }', { id: live }));
      const next = await recording(athlete, 'EVERYONE', 0);
      expect(await nextOutNow(outNow)).toEqual({ kind: 'STARTED', activity: { id: next } });

      expect(await activityAs(athlete, saved)).toEqual({ id: saved, title: 'Run', visibility: 'ONLY_ME' });
      expect(await historyOf(athlete, athlete)).toEqual([live, saved]);
      outNow.unsubscribe();
      ownWatch.unsubscribe();
    } finally {
      await Promise.all([followerClient.dispose(), strangerClient.dispose(), ownClient.dispose()]);
    }
  }, 120_000);

  it('deletes an activity and everything about it, for everyone, and ends its live streams', async () => {
    const [athlete] = await athletes(harness.url, ['Deleter'] as const);
    await ok(follower.call('mutation ($id: ID!) { follow(userId: $id) { id } }', { id: athlete.id }));
    const saved = await savedActivity(athlete, { startedAt: hoursAgo(4), fixes: 30 });
    const kept = await savedActivity(athlete, { startedAt: hoursAgo(6), fixes: 30 });
    await Promise.all([untilArchived(database, saved), untilArchived(database, kept)]);
    await ok(follower.call('mutation ($id: ID!) { giveKudos(activityId: $id) { id } }', { id: saved }));
    await ok(follower.call('mutation ($id: ID!) { addComment(activityId: $id, text: "Strong finish") { id } }', { id: saved }));
    const live = await recording(athlete, 'EVERYONE', 10);

    const leftOf = async (id: string) => {
      const rows = await database.prisma.$queryRaw<Record<string, number>[]>`SELECT
        (SELECT count(*)::int FROM activities WHERE id = ${id}::uuid) AS activities,
        (SELECT count(*)::int FROM activity_events WHERE activity_id = ${id}::uuid) AS events,
        (SELECT count(*)::int FROM track_points WHERE activity_id = ${id}::uuid) AS "trackPoints",
        (SELECT count(*)::int FROM archived_tracks WHERE activity_id = ${id}::uuid) AS "archivedTracks",
        (SELECT count(*)::int FROM track_chunks WHERE activity_id = ${id}::uuid) AS "trackChunks",
        (SELECT count(*)::int FROM kudos WHERE activity_id = ${id}::uuid) AS kudos,
        (SELECT count(*)::int FROM comments WHERE activity_id = ${id}::uuid) AS comments`;
      return rows[0];
    };
    expect(await leftOf(saved)).toEqual({
      activities: 1,
      events: 2,
      trackPoints: 0,
      archivedTracks: 1,
      trackChunks: 1,
      kudos: 1,
      comments: 1,
    });
    expect(await leftOf(live)).toMatchObject({ activities: 1, trackPoints: 10 });

    expect(await codes(stranger.call(remove, { id: saved }))).toEqual(['FORBIDDEN']);
    expect(await ok(athlete.call(remove, { id: saved }))).toEqual({ deleteActivity: saved });
    expect(await leftOf(saved)).toEqual(nothingLeft);
    for (const viewer of [athlete, follower, stranger]) {
      expect(await activityAs(viewer, saved)).toBeNull();
      expect(await historyOf(viewer, athlete)).toEqual([kept]);
      expect((await totalsOf(viewer, athlete)).map(([sport, count]) => [sport, count])).toEqual([['RUN', 1]]);
    }
    expect(await feedOf(follower)).not.toContain(saved);
    expect(await feedOf(follower)).toContain(kept);
    expect(await codes(athlete.call(remove, { id: saved }))).toEqual(['NOT_FOUND']);

    // Being recorded, with watchers: discarded and gone.
    const followerClient = liveClient(harness.url, follower.token);
    const ownClient = liveClient(harness.url, athlete.token);
    try {
      const followerWatch = subscribe(followerClient, liveQuery, { id: live });
      const ownWatch = subscribe(ownClient, liveQuery, { id: live });
      expect((await followerWatch.update()).status).toBe('ACTIVE');
      expect((await ownWatch.update()).status).toBe('ACTIVE');
      expect(await ok(athlete.call(remove, { id: live }))).toEqual({ deleteActivity: live });
      const followerRest = await restOf(followerWatch);
      expect(followerRest.at(-1)?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const ownRest = await restOf(ownWatch);
      expect(ownRest.at(-1)?.data?.liveActivity?.status).toBe('DISCARDED');
    } finally {
      await Promise.all([followerClient.dispose(), ownClient.dispose()]);
    }
    expect(await leftOf(live)).toEqual(nothingLeft);
    expect(await activityAs(athlete, live)).toBeNull();
    expect(await codes(athlete.call('mutation ($id: ID!) { stopActivity(id: $id) { id } }', { id: live }))).toEqual(['NOT_FOUND']);
  }, 120_000);
});
