import { IDENTITY_HEADER, signIdentity, type Identity } from '@pacegraph/service-kit';
import { ownerWithAudience, savedActivity, unfollow, type Athlete } from './support/social.js';
import { useStack } from './support/stack.js';

/** Each subgraph's own fields of an activity, asked for by reference the way the gateway does. */
const referenceQueries = {
  social: '... on Activity { id title kudosCount commentCount comments { edges { node { text } } } }',
  activity: '... on Activity { id title description status visibility }',
  telemetry: '... on Activity { id trackPointCount stats { distanceMeters } route { polyline } }',
} as const;
type SubgraphName = keyof typeof referenceQueries;

describe('Activity references (_entities) in every subgraph', () => {
  const harness = useStack();
  let owner: Athlete;
  let follower: Athlete;
  let stranger: Athlete;
  let formerFollower: Athlete;
  const runs: Record<'EVERYONE' | 'FOLLOWERS' | 'ONLY_ME', string> = { EVERYONE: '', FOLLOWERS: '', ONLY_ME: '' };

  beforeAll(async () => {
    ({ owner, follower, formerFollower, stranger } = await ownerWithAudience(harness.url));
    await unfollow(formerFollower, owner);
    for (const visibility of Object.keys(runs) as (keyof typeof runs)[]) {
      runs[visibility] = await savedActivity(owner, { startedAt: new Date(Date.now() - 3600_000), fixes: 10, visibility });
    }
  }, 60_000);

  /** `_entities` sent straight to a subgraph, signed as the gateway signs it for `identity`. */
  async function entities(subgraph: SubgraphName, identity: Identity, ids: string[]): Promise<unknown[]> {
    const body = JSON.stringify({
      query: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${referenceQueries[subgraph]} } }`,
      variables: { representations: ids.map((id) => ({ __typename: 'Activity', id })) },
    });
    const response = await fetch(harness.stack.subgraphs[subgraph].url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: signIdentity(harness.secrets.internalSecret, identity, subgraph, body),
      },
      body,
    });
    const answer = (await response.json()) as { data?: { _entities: unknown[] }; errors?: unknown[] };
    if (!answer.data) throw new Error(`${subgraph} answered ${JSON.stringify(answer.errors)}`);
    return answer.data._entities;
  }

  /** For each run (EVERYONE, FOLLOWERS, ONLY_ME): whether the subgraph resolved it. */
  async function resolved(subgraph: SubgraphName, identity: Identity): Promise<boolean[]> {
    return (await entities(subgraph, identity, Object.values(runs))).map((entity) => entity !== null);
  }

  it.each(Object.keys(referenceQueries) as SubgraphName[])(
    '%s resolves a reference only for a viewer who may see the activity',
    async (subgraph) => {
      expect(await resolved(subgraph, { viewerId: owner.id })).toEqual([true, true, true]);
      expect(await resolved(subgraph, { viewerId: follower.id })).toEqual([true, true, false]);
      expect(await resolved(subgraph, { viewerId: formerFollower.id })).toEqual([true, false, false]);
      expect(await resolved(subgraph, { viewerId: stranger.id })).toEqual([true, false, false]);
      expect(await resolved(subgraph, { viewerId: null })).toEqual([true, false, false]);
    },
  );

  it.each(Object.keys(referenceQueries) as SubgraphName[])(
    '%s resolves every reference for the gateway fanning a live event out (it checks each viewer itself)',
    async (subgraph) => {
      expect(await resolved(subgraph, { viewerId: null, fanOut: true })).toEqual([true, true, true]);
    },
  );

  it.each(Object.keys(referenceQueries) as SubgraphName[])(
    '%s resolves no reference to an activity that does not exist',
    async (subgraph) => {
      expect(await entities(subgraph, { viewerId: owner.id }, ['00000000-0000-4000-8000-000000000000', 'not-a-uuid'])).toEqual([
        null,
        null,
      ]);
    },
  );
});
