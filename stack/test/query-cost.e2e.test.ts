import { liveClient, subscribe } from './support/live-client.js';
import { athlete, follow, ok, type Athlete } from './support/social.js';
import { graphql, useStack } from './support/stack.js';

/** Three nested pages of 100 followers, with their names. */
const followersOfFollowers = `followers(first: 100) { edges { node { id followers(first: 100) { edges { node { id
  followers(first: 100) { edges { node { id name } } } } } } } } }`;
const aliases = (count: number, selection: string) => Array.from({ length: count }, (_, index) => `a${index}: ${selection}`).join(' ');

describe('the cost limit (issue 15: one 3 KB query resolved millions of objects)', () => {
  let statements = 0;
  const harness = useStack({ onQuery: () => void statements++ });
  let clique: Athlete[];

  beforeAll(async () => {
    // A small clique: every athlete follows every other.
    clique = await Promise.all(['Ada', 'Ben', 'Cy', 'Di', 'Ed'].map((name) => athlete(harness.url, name)));
    for (const follower of clique) {
      for (const followee of clique) {
        if (follower !== followee) await follow(follower, followee);
      }
    }
  });

  it('refuses the attack over HTTP with 400 COST_LIMIT_EXCEEDED before anything is read', async () => {
    const before = statements;
    const answer = await graphql(harness.url, `query ($id: ID!) { ${aliases(15, `user(id: $id) { ${followersOfFollowers} }`)} }`, {
      id: clique[0]!.id,
    });
    expect(answer.status).toBe(400);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]).toMatchObject({
      message: expect.stringMatching(/the limit is 50000/),
      extensions: { code: 'COST_LIMIT_EXCEEDED', reason: 'QUERY.TOO_COSTLY' },
    });
    expect(statements).toBe(before);
  });

  it('refuses the attack as a subscription over WebSocket alike', async () => {
    const client = liveClient(harness.url, clique[0]!.token);
    try {
      const before = statements;
      const result = await subscribe(client, `subscription { followingLive { athlete { ${aliases(15, followersOfFollowers)} } } }`).next();
      expect(result.data ?? undefined).toBeUndefined();
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'COST_LIMIT_EXCEEDED', reason: 'QUERY.TOO_COSTLY' } });
      expect(statements).toBe(before);
    } finally {
      await client.dispose();
    }
  });

  it('answers what an app asks: a full page of followers of each of its followers, and introspection', async () => {
    const page = await ok(
      graphql(
        harness.url,
        `
          query ($id: ID!) {
            user(id: $id) {
              followers(first: 100) {
                edges {
                  node {
                    followers(first: 100) {
                      edges {
                        node {
                          name
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        `,
        { id: clique[0]!.id },
      ),
    );
    expect(page.user.followers.edges).toHaveLength(4);
    expect(page.user.followers.edges[0].node.followers.edges).toHaveLength(4);
    // Every list of the schema's description, unpaged, counts once (the standard introspection query
    // is 15 levels deep, past the depth limit; the gateway's unit tests cost it).
    const schema = await ok(
      graphql(harness.url, '{ __schema { types { name fields { name args { name type { name ofType { name } } } } } } }'),
    );
    expect(schema.__schema.types.length).toBeGreaterThan(30);
  });
});
