import type { Sport, Visibility } from '@pacegraph/activity-rules';
import { bearer, graphql, signUpAthlete, type GraphQLResponse } from './stack.js';

/** An athlete signed up through the gateway, with a way to call it as them. */
export interface Athlete {
  id: string;
  name: string;
  email: string;
  token: string;
  call<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data>>;
}

export async function athlete(gatewayUrl: string, name: string): Promise<Athlete> {
  const signedUp = await signUpAthlete(gatewayUrl, name);
  return {
    id: signedUp.user.id,
    name,
    email: signedUp.email,
    token: signedUp.token,
    call: (query, variables = {}) => graphql(gatewayUrl, query, variables, bearer(signedUp.token)),
  };
}

/** The data of a call that must succeed; fails naming the errors otherwise. */
export async function ok<Data = Record<string, any>>(response: Promise<GraphQLResponse<Data>>): Promise<Data> {
  const result = await response;
  if (result.errors?.length || !result.data) throw new Error(`expected data, got ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** `who` follows `whom` through the gateway (a call that must succeed). */
export function follow(who: Athlete, whom: Pick<Athlete, 'id'>): Promise<Record<string, any>> {
  return ok(who.call('mutation ($id: ID!) { follow(userId: $id) { id } }', { id: whom.id }));
}

/** `who` stops following `whom` through the gateway (a call that must succeed). */
export function unfollow(who: Athlete, whom: Pick<Athlete, 'id'>): Promise<Record<string, any>> {
  return ok(who.call('mutation ($id: ID!) { unfollow(userId: $id) { id } }', { id: whom.id }));
}

/** The `extensions.code` of each error of a call. */
export async function codes(response: Promise<GraphQLResponse>): Promise<string[]> {
  return ((await response).errors ?? []).map((error) => error.extensions?.code as string);
}

export interface SavedActivityOptions {
  sport?: Sport;
  visibility?: Visibility;
  title?: string;
  /** Device time of the start. */
  startedAt: Date;
  /** Fixes to record: this many, 3 s and 9 m apart, running north. @default 0 */
  fixes?: number;
  /** Stop at STOPPED instead of saving. */
  unsaved?: boolean;
}

/** Records an activity through the gateway as `owner`: created, started at `startedAt`, its fixes, stopped, saved. */
export async function savedActivity(owner: Athlete, options: SavedActivityOptions): Promise<string> {
  const { startedAt } = options;
  const created = await ok(
    owner.call('mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }', {
      input: { sport: options.sport ?? 'RUN', title: options.title, visibility: options.visibility ?? 'EVERYONE' },
    }),
  );
  const id = created.createActivity.id as string;
  const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000).toISOString();
  await ok(owner.call('mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { id } }', { id, at: at(0) }));
  const count = options.fixes ?? 0;
  if (count > 0) {
    const points = Array.from({ length: count }, (_, seq) => ({
      seq,
      time: at(1 + 3 * seq),
      lat: 48 + (9 * seq) / 111_200,
      lon: 11,
      accuracy: 4,
      elevation: 500 + seq * 0.5,
    }));
    const recorded = await ok(
      owner.call('mutation ($id: ID!, $points: [TrackPointInput!]!) { recordTrackPoints(activityId: $id, points: $points) { accepted } }', {
        id,
        points,
      }),
    );
    if (recorded.recordTrackPoints.accepted !== count) throw new Error(`recorded ${JSON.stringify(recorded)}`);
  }
  await ok(owner.call('mutation ($id: ID!, $at: DateTime) { stopActivity(id: $id, at: $at) { id } }', { id, at: at(3 * count + 2) }));
  if (!options.unsaved) await ok(owner.call('mutation ($id: ID!) { completeActivity(id: $id) { id } }', { id }));
  return id;
}

/** Every page of a connection field, `first` at a time: the node ids in order, and the pages' sizes. */
export async function allPages(
  fetchPage: (
    after: string | null,
  ) => Promise<{ edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>,
  between?: (pageIndex: number) => Promise<void>,
): Promise<{ ids: string[]; sizes: number[] }> {
  const ids: string[] = [];
  const sizes: number[] = [];
  let after: string | null = null;
  for (let page = 0; ; page++) {
    const connection = await fetchPage(after);
    ids.push(...connection.edges.map((edge) => edge.node.id));
    sizes.push(connection.edges.length);
    if (!connection.pageInfo.hasNextPage) return { ids, sizes };
    after = connection.pageInfo.endCursor;
    await between?.(page);
  }
}

/**
 * An athlete and the audiences of their activities, signed up together: a
 * follower, a former follower (following yet: the test decides when they
 * stop), and a stranger.
 */
export async function ownerWithAudience(gatewayUrl: string) {
  const [owner, follower, formerFollower, stranger] = await athletes(gatewayUrl, [
    'Owner',
    'Follower',
    'Former follower',
    'Stranger',
  ] as const);
  await follow(follower, owner);
  await follow(formerFollower, owner);
  return { owner, follower, formerFollower, stranger };
}

/** One athlete per name, signed up together. */
export function athletes<const Names extends readonly string[]>(
  gatewayUrl: string,
  names: Names,
): Promise<{ [K in keyof Names]: Athlete }> {
  return Promise.all(names.map((name) => athlete(gatewayUrl, name))) as Promise<{ [K in keyof Names]: Athlete }>;
}
