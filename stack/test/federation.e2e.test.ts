import { IDENTITY_HEADER, signIdentity } from '@pacegraph/service-kit';
import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';

const createActivity = 'mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id title sport } }';

describe('the supergraph through the gateway', () => {
  const harness = useStack();

  it('resolves an activity across all three subgraphs: activity, social (athlete) and telemetry', async () => {
    const athlete = await signUpAthlete(harness.url, 'Eliud Kipchoge');
    const created = await graphql(harness.url, createActivity, { input: { sport: 'RUN', title: ' Long run ' } }, bearer(athlete.token));
    expect(created.errors).toBeUndefined();
    expect(created.data!.createActivity).toMatchObject({ title: 'Long run', sport: 'RUN' });

    const fetched = await graphql(harness.url, 'query ($id: ID!) { activity(id: $id) { id title trackPointCount athlete { id name } } }', {
      id: created.data!.createActivity.id,
    });
    expect(fetched).toEqual({
      status: 200,
      data: {
        activity: {
          id: created.data!.createActivity.id,
          title: 'Long run',
          trackPointCount: 0,
          athlete: { id: athlete.user.id, name: 'Eliud Kipchoge' },
        },
      },
    });
  });

  it('names an untitled activity after its sport, and rejects an over-long title', async () => {
    const athlete = await signUpAthlete(harness.url);
    const untitled = await graphql(harness.url, createActivity, { input: { sport: 'RIDE' } }, bearer(athlete.token));
    expect(untitled.data!.createActivity.title).toBe('Ride');
    const long = await graphql(harness.url, createActivity, { input: { sport: 'RIDE', title: 't'.repeat(121) } }, bearer(athlete.token));
    expect(long.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
  });

  it('requires a signed-in athlete to create an activity', async () => {
    const result = await graphql(harness.url, createActivity, { input: { sport: 'WALK' } });
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('finds an activity by its id in upper case too', async () => {
    const athlete = await signUpAthlete(harness.url);
    const created = await graphql(harness.url, createActivity, { input: { sport: 'RUN' } }, bearer(athlete.token));
    const id = created.data!.createActivity.id as string;
    const fetched = await graphql(harness.url, 'query ($id: ID!) { activity(id: $id) { id trackPointCount } }', {
      id: id.toUpperCase(),
    });
    expect(fetched.data).toEqual({ activity: { id, trackPointCount: 0 } });
  });

  it('answers null for an activity that does not exist or an id that cannot be one', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const result = await graphql(harness.url, 'query ($id: ID!) { activity(id: $id) { id } }', { id });
      expect(result).toEqual({ status: 200, data: { activity: null } });
    }
  });

  it('tells caches to keep no answer, on the gateway and on every subgraph, refusals included', async () => {
    const { gateway, subgraphs } = harness.stack;
    for (const server of [gateway, subgraphs.social, subgraphs.activity, subgraphs.telemetry]) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect([server.url, response.headers.get('cache-control')]).toEqual([server.url, 'no-store']);
    }
  });

  it('serves health and readiness on every service', async () => {
    const { gateway, subgraphs } = harness.stack;
    for (const server of [gateway, subgraphs.social, subgraphs.activity, subgraphs.telemetry]) {
      for (const path of ['/healthz', '/readyz']) {
        const response = await fetch(server.url.replace('/graphql', path));
        expect([server.url, path, response.status]).toEqual([server.url, path, 200]);
      }
    }
  });

  it('refuses a query nested past the depth limit, or longer than the token limit', async () => {
    // `me`, then pages of one follower (followers, edges, node, …), then __typename: `levels` fields deep.
    const followerPath = ['followers(first: 1)', 'edges', 'node'];
    const nest = (levels: number) => {
      const fields = ['me', ...Array.from({ length: levels - 2 }, (_, index) => followerPath[index % 3]!)];
      return `{ ${fields.map((field) => `${field} { `).join('')}__typename${' }'.repeat(fields.length)} }`;
    };
    expect((await graphql(harness.url, nest(12))).errors).toBeUndefined();
    const tooDeep = await graphql(harness.url, nest(13));
    expect(tooDeep.errors![0]).toMatchObject({
      message: 'Query is nested 13 levels deep; the limit is 12',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const manyAliases = `{ ${Array.from({ length: 4000 }, (_, index) => `a${index}: __typename`).join(' ')} }`;
    const tooLong = await graphql(harness.url, manyAliases);
    expect(tooLong.errors![0]!.message).toMatch(/contains more tha[nt] 10000 tokens/);
    expect(tooLong.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  describe('a subgraph called directly, not through the gateway', () => {
    const requests = {
      _service: { query: '{ _service { sdl } }' },
      _entities: {
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { name } } }',
        variables: { r: [{ __typename: 'User', id: '00000000-0000-4000-8000-000000000000' }] },
      },
      me: { query: '{ me { id } }' },
    };

    it.each(Object.entries(requests))('answers %s without a signature with 401', async (_name, body) => {
      for (const server of Object.values(harness.stack.subgraphs)) {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(401);
        expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
    });

    it('answers 401 to a signature made with another secret or for another subgraph, and 200 to the gateway’s own', async () => {
      const { social } = harness.stack.subgraphs;
      const body = JSON.stringify(requests._service);
      const call = (secret: string, audience = 'social') =>
        fetch(social.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [IDENTITY_HEADER]: signIdentity(secret, { viewerId: null }, audience, body),
          },
          body,
        });
      expect((await call('x'.repeat(64))).status).toBe(401);
      expect((await call(harness.secrets.internalSecret, 'activity')).status).toBe(401);
      const signed = await call(harness.secrets.internalSecret);
      expect(signed.status).toBe(200);
      expect(((await signed.json()) as any).data._service.sdl).toContain('type User');
    });
  });
});

describe('the gateway in production', () => {
  const harness = useStack({ production: true });

  it('suggests no field names and returns no stack traces', async () => {
    const misspelled = await graphql(harness.url, '{ mee { id } }');
    expect(misspelled.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(misspelled.errors![0]!.message).not.toMatch(/Did you mean/);
    const bad = await graphql(harness.url, 'mutation { signUp(input: {name: "", email: "x@y.z", password: "12345678"}) { email } }');
    expect(bad.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'ACCOUNT.NAME_EMPTY', field: 'name' });
    const badVariable = await graphql(harness.url, 'mutation ($input: LogInInput!) { logIn(input: $input) { token } }', {
      input: { email: 'x@y.z', pasword: 'whatever1' },
    });
    expect(badVariable.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const badEnum = await graphql(harness.url, 'mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }', {
      input: { sport: 'RUNN' },
    });
    expect(badEnum.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const everything = JSON.stringify([misspelled, bad, badVariable, badEnum]);
    expect(everything).not.toMatch(/Did you mean|stacktrace|\.ts:\d+/);
    expect(everything).toContain('pasword');
  });

  it('refuses introspection', async () => {
    const result = await graphql(harness.url, '{ __schema { types { name } } }');
    expect(result.data ?? null).toBeNull();
    expect(result.errors![0]!.message).toMatch(/introspection/i);
  });
});
