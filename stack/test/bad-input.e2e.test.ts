import { liveClient, subscribe } from './support/live-client.js';
import { athlete, athletes, ok, savedActivity, type Athlete } from './support/social.js';
import { useStack, type GraphQLResponse } from './support/stack.js';

/** What no answer to bad input may hold: a server fault, a stack, SQL or the ORM's words, an internal address. */
function expectRefusedAsBadInput(result: GraphQLResponse, code = 'BAD_USER_INPUT') {
  expect(result.status).toBeLessThan(500);
  expect(result.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  expect(JSON.stringify(result.errors)).not.toMatch(/prisma|SELECT |INSERT |violates|constraint|stacktrace|https?:\/\/|\.ts:\d/i);
}

describe('bad input through the gateway (development mode, where internals would show)', () => {
  const harness = useStack();
  let runner: Athlete;
  let activityId: string;

  beforeAll(async () => {
    [runner] = await athletes(harness.url, ['Bad input'] as const);
    activityId = await savedActivity(runner, { startedAt: new Date(Date.now() - 3600_000), fixes: 3 });
  });

  it('refuses a Float literal too large for a double (1e400) as BAD_USER_INPUT with 400', async () => {
    const result = await runner.call(`mutation { addPrivacyZone(input: { lat: 1e400, lon: 11, radiusMeters: 250 }) { id } }`);
    expect(result.status).toBe(400);
    expectRefusedAsBadInput(result);
  });

  it.each(['2026-02-30T00:00:00Z', 'yesterday'])('refuses the DateTime literal %s in the query text as BAD_USER_INPUT', async (literal) => {
    const result = await runner.call(`mutation ($id: ID!) { startActivity(id: $id, at: "${literal}") { id } }`, { id: activityId });
    expectRefusedAsBadInput(result);
    const listed = await runner.call(`query ($id: ID!) { user(id: $id) { activities(from: "${literal}") { edges { cursor } } } }`, {
      id: runner.id,
    });
    expectRefusedAsBadInput(listed);
  });

  it.each([
    [
      'a name',
      'mutation ($v: String!) { signUp(input: { name: $v, email: "nul@example.com", password: "correct horse battery" }) { email } }',
    ],
    ['an email', 'mutation ($v: String!) { signUp(input: { name: "Nul", email: $v, password: "correct horse battery" }) { email } }'],
    ['a title', 'mutation ($v: String!) { createActivity(input: { sport: RUN, title: $v }) { id } }'],
    ['a clientId', 'mutation ($v: String!) { createActivity(input: { sport: RUN, clientId: $v }) { id } }'],
    ['a comment', `mutation ($v: String!) { addComment(activityId: "${'$'}{activityId}", text: $v) { id } }`],
  ])('refuses a NUL byte in %s as BAD_USER_INPUT', async (_, query) => {
    const result = await runner.call(query.replace('${activityId}', activityId), { v: 'a\u0000b@example.com' });
    expectRefusedAsBadInput(result);
  });

  it('names the field holding a NUL byte, in a variable and in the query text alike', async () => {
    const asVariable = await runner.call('mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }', {
      input: { sport: 'RUN', title: 'Tempo\u0000' },
    });
    expectRefusedAsBadInput(asVariable);
    expect(asVariable.errors?.[0]?.extensions).toMatchObject({ reason: 'INPUT.NUL_CHARACTER', field: 'input.title' });
    const inText = await runner.call('mutation { createActivity(input: { sport: RUN, title: "Tempo\\u0000" }) { id } }');
    expectRefusedAsBadInput(inText);
    expect(inText.errors?.[0]?.extensions).toMatchObject({ reason: 'INPUT.NUL_CHARACTER', field: 'input.title' });
  });

  it("refuses a NUL byte in a subscription's variables over WebSocket as over HTTP", async () => {
    const client = liveClient(harness.url, runner.token);
    try {
      const live = subscribe(client, 'subscription ($id: ID!) { liveActivity(activityId: $id) { status } }', { id: `${activityId}\u0000` });
      const refused = await live.next();
      expect(refused.errors?.map((error) => error.extensions)).toEqual([
        expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'INPUT.NUL_CHARACTER', field: 'id' }),
      ]);
    } finally {
      await client.dispose();
    }
  });

  it.each(['0000-01-01T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z'])(
    'refuses a cursor at %s as BAD_USER_INPUT',
    async (at) => {
      const cursor = Buffer.from(`${at}|00000000-0000-4000-8000-000000000000`).toString('base64url');
      for (const query of [
        'query ($after: String) { feed(after: $after) { edges { cursor } } }',
        'query ($id: ID!, $after: String) { user(id: $id) { followers(after: $after) { edges { cursor } } activities(after: $after) { edges { cursor } } } }',
        'query ($id: ID!, $after: String) { user(id: $id) { following(after: $after) { edges { cursor } } } }',
      ]) {
        expectRefusedAsBadInput(await runner.call(query, { after: cursor, id: runner.id }));
      }
    },
  );

  it("answers a deleted account's token with UNAUTHENTICATED, not a foreign-key failure", async () => {
    const [leaver, other] = [await athlete(harness.url, 'Leaver'), await athlete(harness.url, 'Stays')];
    await ok(leaver.call('mutation { deleteMyAccount(password: "correct horse battery") }'));
    expectRefusedAsBadInput(await leaver.call('mutation { createActivity(input: { sport: RUN }) { id } }'), 'UNAUTHENTICATED');
    expectRefusedAsBadInput(await leaver.call('mutation ($id: ID!) { follow(userId: $id) { id } }', { id: other.id }), 'UNAUTHENTICATED');
  });
});
