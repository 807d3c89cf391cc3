import { useStackDatabase } from './support/stored.js';
import { liveClient, subscribe } from './support/live-client.js';
import { athletes, codes, follow, ok, savedActivity } from './support/social.js';
import { graphql, useStack } from './support/stack.js';

describe('deleteMyAccount through the gateway', () => {
  const harness = useStack();
  const database = useStackDatabase(harness);

  it('erases the athlete and everything about them, ends their live streams, and leaves everyone else’s data', async () => {
    const [leaver, friend, watcher] = await athletes(harness.url, ['Leaver', 'Friend', 'Watcher'] as const);
    await follow(leaver, friend);
    await follow(friend, leaver);
    const saved = await savedActivity(leaver, { startedAt: new Date(Date.now() - 5 * 3600_000), fixes: 30 });
    const recording = await savedActivity(leaver, { startedAt: new Date(Date.now() - 3600_000), fixes: 30, unsaved: true });
    const friendsRun = await savedActivity(friend, { startedAt: new Date(Date.now() - 4 * 3600_000), fixes: 10 });
    await ok(leaver.call('mutation ($id: ID!) { giveKudos(activityId: $id) { id } }', { id: friendsRun }));
    await ok(friend.call('mutation ($id: ID!) { giveKudos(activityId: $id) { id } }', { id: saved }));
    await ok(leaver.call('mutation ($id: ID!) { addComment(activityId: $id, text: "Nice one") { id } }', { id: friendsRun }));
    await ok(friend.call('mutation ($id: ID!) { addComment(activityId: $id, text: "Thanks") { id } }', { id: friendsRun }));
    await ok(friend.call('mutation ($id: ID!) { addComment(activityId: $id, text: "Great run") { id } }', { id: saved }));
    await ok(leaver.call('mutation { addPrivacyZone(input: { lat: 48, lon: 11, radiusMeters: 300 }) { id } }'));

    const client = liveClient(harness.url, watcher.token);
    const friendsClient = liveClient(harness.url, friend.token);
    const outNow = subscribe(friendsClient, 'subscription { followingLive { kind athlete { name } activity { title } } }');
    try {
      const live = subscribe(client, 'subscription ($id: ID!) { liveActivity(activityId: $id) { status } }', { id: recording });
      expect((await live.update()).status).toBe('STOPPED');

      expect(await codes(leaver.call('mutation { deleteMyAccount(password: "not my password") }'))).toEqual(['UNAUTHENTICATED']);
      expect(await database.prisma.user.count({ where: { id: leaver.id } })).toBe(1);
      const deleted = await ok(leaver.call('mutation { deleteMyAccount(password: "correct horse battery") }'));
      expect(deleted.deleteMyAccount).toBe(leaver.id);

      // Their live activity was announced discarded: the watcher's stream ends, the activity gone for them.
      expect((await live.next()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await live.completed;
      // A follower's "out now" view may hear that the run ended, without the athlete who is gone; never an error.
      await new Promise((resolve) => setTimeout(resolve, 500));
      while (outNow.pending() > 0) {
        const heard = await outNow.next();
        expect(heard.errors).toBeUndefined();
        expect(heard.data!.followingLive).toEqual({ kind: 'DISCARDED', athlete: null, activity: null });
      }
    } finally {
      await Promise.all([client.dispose(), friendsClient.dispose()]);
    }

    const { prisma } = database;
    const theirs = [saved, recording];
    const left = {
      users: await prisma.user.count({ where: { id: leaver.id } }),
      activities: await prisma.activity.count({ where: { athleteId: leaver.id } }),
      trackPoints: await prisma.trackPoint.count({ where: { activityId: { in: theirs } } }),
      archivedTracks: await prisma.archivedTrack.count({ where: { activityId: { in: theirs } } }),
      trackChunks: await prisma.trackChunk.count({ where: { activityId: { in: theirs } } }),
      events: await prisma.activityEvent.count({ where: { activityId: { in: theirs } } }),
      follows: await prisma.follow.count({ where: { OR: [{ followerId: leaver.id }, { followeeId: leaver.id }] } }),
      kudos: await prisma.kudos.count({ where: { OR: [{ athleteId: leaver.id }, { activityId: { in: theirs } }] } }),
      comments: await prisma.comment.count({ where: { OR: [{ authorId: leaver.id }, { activityId: { in: theirs } }] } }),
      privacyZones: await prisma.privacyZone.count({ where: { athleteId: leaver.id } }),
    };
    expect(left).toEqual({
      users: 0,
      activities: 0,
      trackPoints: 0,
      archivedTracks: 0,
      trackChunks: 0,
      events: 0,
      follows: 0,
      kudos: 0,
      comments: 0,
      privacyZones: 0,
    });

    // Everyone else's data stays: the friend's run, with only the friend's own comment on it.
    const friendsView = await ok(
      friend.call(
        'query ($id: ID!) { activity(id: $id) { kudosCount commentCount comments { edges { node { text } } } } me { followerCount followingCount } feed { edges { node { id } } } }',
        { id: friendsRun },
      ),
    );
    expect(friendsView.activity).toEqual({ kudosCount: 0, commentCount: 1, comments: { edges: [{ node: { text: 'Thanks' } }] } });
    expect(friendsView.me).toEqual({ followerCount: 0, followingCount: 0 });
    expect(friendsView.feed.edges.map((edge: any) => edge.node.id)).toEqual([friendsRun]);
    const logIn = await graphql(harness.url, 'mutation ($input: LogInInput!) { logIn(input: $input) { token } }', {
      input: { email: leaver.email, password: 'correct horse battery' },
    });
    expect(logIn.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
