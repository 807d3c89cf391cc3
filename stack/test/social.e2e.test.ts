import { allPages, athlete, athletes, codes, follow, ok, savedActivity, unfollow, type Athlete } from './support/social.js';
import { useStack } from './support/stack.js';

// One clock for the whole file: a `to` filter and the start it is compared with must agree.
const now = Math.floor(Date.now() / 1000) * 1000;
const hoursAgo = (hours: number) => new Date(now - hours * 3600_000);

const feedQuery = `query ($first: Int, $after: String) { feed(first: $first, after: $after) {
  edges { cursor node { id startedAt athlete { id name } } } pageInfo { hasNextPage endCursor } } }`;

describe('follows, feed, history, totals, kudos and comments through the gateway', () => {
  const harness = useStack();
  let ann: Athlete;
  let ben: Athlete;
  let cat: Athlete;
  let dan: Athlete;
  beforeAll(async () => {
    [ann, ben, cat, dan] = await athletes(harness.url, ['Ann', 'Ben', 'Cat', 'Dan'] as const);
  });

  describe('follows', () => {
    it('follows once however often asked, counts both sides and tells the viewer whom they follow', async () => {
      await follow(ann, ben);
      await follow(ann, ben);
      await follow(cat, ben);
      await follow(ann, cat);
      const seen = await ok(
        ann.call(
          `query ($ben: ID!, $dan: ID!) {
          ben: user(id: $ben) { followerCount followingCount isFollowedByMe followers(first: 10) { edges { node { name } followedAt } } }
          dan: user(id: $dan) { isFollowedByMe followerCount }
          me { followingCount following(first: 10) { edges { node { name } } } }
        }`,
          { ben: ben.id, dan: dan.id },
        ),
      );
      expect(seen.ben).toMatchObject({ followerCount: 2, followingCount: 0, isFollowedByMe: true });
      expect(seen.ben.followers.edges.map((edge: any) => edge.node.name)).toEqual(['Cat', 'Ann']);
      expect(seen.dan).toEqual({ isFollowedByMe: false, followerCount: 0 });
      expect(seen.me.followingCount).toBe(2);
      expect(seen.me.following.edges.map((edge: any) => edge.node.name)).toEqual(['Cat', 'Ben']);
    });

    it('pages followers with cursors, the latest follow first', async () => {
      const fans = await athletes(harness.url, ['Fan 1', 'Fan 2', 'Fan 3'] as const);
      for (const fan of fans) await follow(fan, dan);
      const { ids, sizes } = await allPages(
        async (after) =>
          (
            await ok(
              dan.call(
                'query ($after: String) { me { followers(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }',
                { after },
              ),
            )
          ).me.followers,
      );
      expect(ids).toEqual(fans.map((fan) => fan.id).reverse());
      expect(sizes).toEqual([2, 1]);
      for (const fan of fans) await unfollow(fan, dan);
      expect((await ok(dan.call('{ me { followerCount } }'))).me.followerCount).toBe(0);
    });

    it('refuses following yourself, a stranger that does not exist, and an anonymous follower', async () => {
      expect(await codes(ann.call('mutation ($id: ID!) { follow(userId: $id) { id } }', { id: ann.id }))).toEqual(['BAD_USER_INPUT']);
      expect(await codes(ann.call('mutation { follow(userId: "00000000-0000-4000-8000-000000000000") { id } }'))).toEqual(['NOT_FOUND']);
      const anonymous = (await (
        await fetch(harness.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'mutation ($id: ID!) { follow(userId: $id) { id } }', variables: { id: ben.id } }),
        })
      ).json()) as { errors: { extensions: { code: string } }[] };
      expect(anonymous.errors.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
    });

    it('unfollows idempotently', async () => {
      const eve = await athlete(harness.url, 'Eve');
      await follow(eve, ann);
      await unfollow(eve, ann);
      await unfollow(eve, ann);
      expect(
        (await ok(eve.call('query ($id: ID!) { user(id: $id) { isFollowedByMe followerCount } }', { id: ann.id }))).user,
      ).toMatchObject({ isFollowedByMe: false });
    });

    it('suggests friends of friends, most shared first, and only to the viewer', async () => {
      const [me, f1, f2, popular, niche] = await athletes(harness.url, ['Me', 'F1', 'F2', 'Popular', 'Niche'] as const);
      await follow(me, f1);
      await follow(me, f2);
      await follow(f1, popular);
      await follow(f2, popular);
      await follow(f2, niche);
      await follow(f1, me);
      const suggested = await ok(me.call('{ me { id suggestedFollows(first: 5) { user { name } mutualCount } } }'));
      expect(suggested.me.suggestedFollows).toEqual([
        { user: { name: 'Popular' }, mutualCount: 2 },
        { user: { name: 'Niche' }, mutualCount: 1 },
      ]);
      const other = await ok(f1.call('query ($id: ID!) { user(id: $id) { suggestedFollows { mutualCount } } }', { id: me.id }));
      expect(other.user.suggestedFollows).toEqual([]);
    });
  });

  describe('feed and history', () => {
    it('lists own and friends’ saved activities newest first, with no repeat or gap while activities arrive between pages', async () => {
      const [reader, friend, other, stranger] = await athletes(harness.url, ['Reader', 'Friend', 'Other', 'Stranger'] as const);
      await follow(reader, friend);
      await follow(reader, other);
      const expected: string[] = [];
      const add = async (owner: Athlete, hours: number, options: Partial<Parameters<typeof savedActivity>[1]> = {}, inFeed = true) => {
        const id = await savedActivity(owner, { startedAt: hoursAgo(hours), ...options });
        if (inFeed) expected.push(id);
        return id;
      };
      for (let index = 0; index < 7; index++) await add(friend, 100 + index * 10);
      for (let index = 0; index < 4; index++) await add(other, 105 + index * 10);
      await add(reader, 112);
      await add(friend, 140, { visibility: 'FOLLOWERS' });
      await add(reader, 150, { visibility: 'ONLY_ME' });
      await add(friend, 116, { visibility: 'ONLY_ME' }, false);
      await add(friend, 118, { unsaved: true }, false);
      await add(stranger, 101, {}, false);
      const byTime = new Map<string, number>();
      const order = async () => {
        const all = await ok(reader.call(feedQuery, { first: 100 }));
        for (const edge of all.feed.edges) byTime.set(edge.node.id, Date.parse(edge.node.startedAt));
        return all.feed.edges.map((edge: any) => edge.node.id as string);
      };
      const initial = await order();
      expect(new Set(initial)).toEqual(new Set(expected));
      const times = initial.map((id: string) => byTime.get(id)!);
      expect(times).toEqual([...times].sort((a, b) => b - a));

      let lateSynced = '';
      const { ids, sizes } = await allPages(
        async (after) => (await ok(reader.call(feedQuery, { first: 4, after }))).feed,
        async (page) => {
          if (page !== 0) return;
          // Between pages: a new run on top (after this reader's place), and one recorded offline long ago synced now.
          await add(friend, 1);
          lateSynced = await add(other, 190);
        },
      );
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...initial, lateSynced]);
      expect(sizes.slice(0, -1).every((size) => size === 4)).toBe(true);
    });

    it('refuses a cursor it did not make and a page of fewer than one, and caps a page at 100', async () => {
      expect(await codes(ann.call(feedQuery, { first: 5, after: 'bm90IGEgY3Vyc29y' }))).toEqual(['BAD_USER_INPUT']);
      expect(await codes(ann.call(feedQuery, { first: 0 }))).toEqual(['BAD_USER_INPUT']);
      const capped = await ok(ann.call(feedQuery, { first: 100_000 }));
      expect(capped.feed.edges.length).toBeLessThanOrEqual(100);
    });

    it('filters history by sport and time, and shows others only what the policy lets them see', async () => {
      const [owner, fan, stranger] = await athletes(harness.url, ['Owner', 'Fan', 'Passer-by'] as const);
      await follow(fan, owner);
      const run = await savedActivity(owner, { startedAt: hoursAgo(50), sport: 'RUN' });
      const ride = await savedActivity(owner, { startedAt: hoursAgo(40), sport: 'RIDE' });
      const friendsOnly = await savedActivity(owner, { startedAt: hoursAgo(30), sport: 'RUN', visibility: 'FOLLOWERS' });
      const mine = await savedActivity(owner, { startedAt: hoursAgo(20), sport: 'RUN', visibility: 'ONLY_ME' });
      await savedActivity(owner, { startedAt: hoursAgo(10), unsaved: true });
      const history = async (viewer: Athlete, filter: Record<string, unknown> = {}) =>
        (
          await ok(
            viewer.call(
              `query ($id: ID!, $sport: Sport, $from: DateTime, $to: DateTime) {
                user(id: $id) { activities(first: 10, sport: $sport, from: $from, to: $to) { edges { node { id } } } } }`,
              { id: owner.id, ...filter },
            ),
          )
        ).user.activities.edges.map((edge: any) => edge.node.id);
      expect(await history(owner)).toEqual([mine, friendsOnly, ride, run]);
      expect(await history(fan)).toEqual([friendsOnly, ride, run]);
      expect(await history(stranger)).toEqual([ride, run]);
      expect(await history(owner, { sport: 'RUN' })).toEqual([mine, friendsOnly, run]);
      expect(await history(owner, { from: hoursAgo(45).toISOString(), to: hoursAgo(20).toISOString() })).toEqual([friendsOnly, ride]);
      expect(
        await codes(
          owner.call(
            'query ($id: ID!) { user(id: $id) { activities(from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z") { edges { cursor } } } }',
            { id: owner.id },
          ),
        ),
      ).toEqual(['BAD_USER_INPUT']);
    });

    it('totals per sport and period count only what the viewer may see', async () => {
      const [owner, fan, stranger] = await athletes(harness.url, ['Totals owner', 'Totals fan', 'Totals stranger'] as const);
      await follow(fan, owner);
      await savedActivity(owner, { startedAt: hoursAgo(1), sport: 'RUN', fixes: 60 });
      await savedActivity(owner, { startedAt: hoursAgo(2), sport: 'RUN', fixes: 60, visibility: 'FOLLOWERS' });
      await savedActivity(owner, { startedAt: hoursAgo(3), sport: 'RIDE', fixes: 60, visibility: 'ONLY_ME' });
      await savedActivity(owner, { startedAt: hoursAgo(24 * 400), sport: 'RUN', fixes: 60 });
      const totals = async (viewer: Athlete, timeZone = 'UTC') => {
        // Saving archives the track a moment later: wait until every activity has its distance.
        for (let attempt = 0; ; attempt++) {
          const result = await ok(
            viewer.call(
              `query ($id: ID!, $tz: String) { user(id: $id) { totals(timeZone: $tz) {
              week { sport count distanceMeters movingTimeSeconds } year { sport count } allTime { sport count distanceMeters } } } }`,
              { id: owner.id, tz: timeZone },
            ),
          );
          const all = result.user.totals.allTime as { distanceMeters: number; count: number }[];
          const archived = all.every((sport) => sport.distanceMeters > 0.9 * sport.count * 59 * 9);
          if (archived || attempt === 50) return result.user.totals;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      const ownTotals = await totals(owner, 'Europe/Amsterdam');
      expect(ownTotals.allTime.map((sport: any) => [sport.sport, sport.count])).toEqual([
        ['RUN', 3],
        ['RIDE', 1],
      ]);
      const allTimeRun = ownTotals.allTime.find((sport: any) => sport.sport === 'RUN');
      expect(allTimeRun.distanceMeters).toBeGreaterThan(3 * 59 * 9 * 0.95);
      expect(allTimeRun.distanceMeters).toBeLessThan(3 * 59 * 9 * 1.05);
      expect(ownTotals.allTime.find((sport: any) => sport.sport === 'RUN').count).toBe(3);
      const fanTotals = await totals(fan);
      expect(fanTotals.allTime.map((sport: any) => [sport.sport, sport.count])).toEqual([['RUN', 3]]);
      const strangerTotals = await totals(stranger);
      expect(strangerTotals.allTime.map((sport: any) => [sport.sport, sport.count])).toEqual([['RUN', 2]]);
      // The run 400 days ago is in no year of now; the one an hour ago is, unless this year began within the hour.
      const sameYear = hoursAgo(1).getUTCFullYear() === new Date(now).getUTCFullYear();
      expect(strangerTotals.year.map((sport: any) => [sport.sport, sport.count])).toEqual(sameYear ? [['RUN', 1]] : []);
      expect(
        await codes(
          owner.call('query ($id: ID!) { user(id: $id) { totals(timeZone: "Mars/Olympus") { week { count } } } }', { id: owner.id }),
        ),
      ).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('kudos and comments', () => {
    it('gives kudos once, counts them, takes them back, and refuses kudos on your own activity', async () => {
      const id = await savedActivity(ben, { startedAt: hoursAgo(5) });
      const give = (who: Athlete) => who.call('mutation ($id: ID!) { giveKudos(activityId: $id) { id kudosCount hasMyKudos } }', { id });
      expect((await ok(give(ann))).giveKudos).toEqual({ id, kudosCount: 1, hasMyKudos: true });
      expect((await ok(give(ann))).giveKudos.kudosCount).toBe(1);
      expect((await ok(give(cat))).giveKudos.kudosCount).toBe(2);
      expect(await codes(give(ben))).toEqual(['BAD_USER_INPUT']);
      const removed = await ok(ann.call('mutation ($id: ID!) { removeKudos(activityId: $id) { kudosCount hasMyKudos } }', { id }));
      expect(removed.removeKudos).toEqual({ kudosCount: 1, hasMyKudos: false });
      const seen = await ok(ben.call('query ($id: ID!) { activity(id: $id) { kudosCount hasMyKudos } }', { id }));
      expect(seen.activity).toEqual({ kudosCount: 1, hasMyKudos: false });
    });

    it('adds comments oldest first, pages them, checks their length, and lets the author or the athlete delete one', async () => {
      const id = await savedActivity(ben, { startedAt: hoursAgo(6) });
      const add = (who: Athlete, text: string) =>
        who.call(
          'mutation ($id: ID!, $text: String!) { addComment(activityId: $id, text: $text) { id text author { name } activity { id } } }',
          { id, text },
        );
      const first = (await ok(add(ann, 'Strong finish!'))).addComment;
      expect(first).toMatchObject({ text: 'Strong finish!', author: { name: 'Ann' }, activity: { id } });
      const second = (await ok(add(cat, '  Nice pace  '))).addComment;
      expect(second.text).toBe('Nice pace');
      const third = (await ok(add(ben, 'Thanks both'))).addComment;
      expect(await codes(add(ann, '   '))).toEqual(['BAD_USER_INPUT']);
      expect(await codes(add(ann, 'x'.repeat(2001)))).toEqual(['BAD_USER_INPUT']);
      expect((await ok(add(ann, 'y'.repeat(2000)))).addComment.text).toHaveLength(2000);

      const { ids } = await allPages(
        async (after) =>
          (
            await ok(
              dan.call(
                'query ($id: ID!, $after: String) { activity(id: $id) { comments(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }',
                { id, after },
              ),
            )
          ).activity.comments,
      );
      expect(ids.slice(0, 3)).toEqual([first.id, second.id, third.id]);
      expect(ids).toHaveLength(4);

      const remove = (who: Athlete, commentId: string) => who.call('mutation ($id: ID!) { deleteComment(id: $id) }', { id: commentId });
      expect(await codes(remove(dan, first.id))).toEqual(['FORBIDDEN']);
      expect((await ok(remove(ann, first.id))).deleteComment).toBe(first.id);
      expect((await ok(remove(ben, second.id))).deleteComment).toBe(second.id);
      expect(await codes(remove(ben, second.id))).toEqual(['NOT_FOUND']);
      const after = await ok(
        dan.call(
          'query ($id: ID!) { activity(id: $id) { commentCount comments(first: 1) { edges { node { text } } pageInfo { hasNextPage } } } }',
          { id },
        ),
      );
      expect(after.activity).toEqual({
        commentCount: 2,
        comments: { edges: [{ node: { text: 'Thanks both' } }], pageInfo: { hasNextPage: true } },
      });
    });
  });

  describe('who sees what: a stranger, a follower and the athlete', () => {
    it.each([
      ['EVERYONE', { athlete: true, follower: true, stranger: true }],
      ['FOLLOWERS', { athlete: true, follower: true, stranger: false }],
      ['ONLY_ME', { athlete: true, follower: false, stranger: false }],
    ] as const)('%s', async (visibility, expected) => {
      const [owner, follower, stranger] = await athletes(harness.url, [
        `${visibility} athlete`,
        `${visibility} follower`,
        `${visibility} stranger`,
      ] as const);
      await follow(follower, owner);
      const id = await savedActivity(owner, { startedAt: hoursAgo(3), visibility, fixes: 20 });
      const viewers = { athlete: owner, follower, stranger };
      for (const [who, viewer] of Object.entries(viewers) as [keyof typeof expected, Athlete][]) {
        const allowed = expected[who];
        const read = await viewer.call(
          'query ($id: ID!) { activity(id: $id) { id route { pointCount } stats { distanceMeters } kudosCount comments { edges { cursor } } } }',
          { id },
        );
        expect([who, read.data?.activity?.id ?? null]).toEqual([who, allowed ? id : null]);
        const feed =
          who === 'stranger' ? [] : (await ok(viewer.call(feedQuery, { first: 50 }))).feed.edges.map((edge: any) => edge.node.id);
        if (who !== 'stranger') expect([who, feed.includes(id)]).toEqual([who, allowed]);
        const history = (
          await ok(viewer.call('query ($owner: ID!) { user(id: $owner) { activities { edges { node { id } } } } }', { owner: owner.id }))
        ).user.activities.edges.map((edge: any) => edge.node.id);
        expect([who, history.includes(id)]).toEqual([who, allowed]);
        if (who === 'athlete') continue;
        const comment = await viewer.call('mutation ($id: ID!) { addComment(activityId: $id, text: "Go!") { id } }', { id });
        expect([who, comment.errors?.[0]?.extensions?.code ?? 'OK']).toEqual([who, allowed ? 'OK' : 'NOT_FOUND']);
        const kudos = await viewer.call('mutation ($id: ID!) { giveKudos(activityId: $id) { id } }', { id });
        expect([who, kudos.errors?.[0]?.extensions?.code ?? 'OK']).toEqual([who, allowed ? 'OK' : 'NOT_FOUND']);
      }
      // An unfollow takes FOLLOWERS activities away at once.
      await unfollow(follower, owner);
      const after = await follower.call('query ($id: ID!) { activity(id: $id) { id } }', { id });
      expect(after.data?.activity ?? null).toEqual(visibility === 'EVERYONE' ? { id } : null);
    });
  });
});
