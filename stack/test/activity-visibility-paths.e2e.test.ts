import { readFileSync } from 'node:fs';
import { apiSchemaOf, supergraphPath } from '@pacegraph/gateway';
import { getNamedType, type GraphQLObjectType } from 'graphql';
import {
  fieldAtResponsePath,
  pathName,
  pathOperation,
  pathsToTargets,
  wholeSelection,
  type ArgumentValues,
  type SchemaPath,
} from './support/schema-paths.js';
import { liveClient, runningFixes, runTime, subscribe, type LiveResult } from './support/live-client.js';
import { ok, ownerWithAudience, savedActivity, unfollow, type Athlete } from './support/social.js';
import { bearer, graphql, useStack, type GraphQLResponse } from './support/stack.js';

const schema = apiSchemaOf(readFileSync(supergraphPath, 'utf8'));
const targets = ['Activity', 'User'];
/** Deep enough for `me.commentsWritten.edges.node.activity` and one more hop; within the gateway's depth limit with the selection at the end. */
const maxSteps = 6;
/** What only the athlete may see carries this mark (titles, comments), so an answer that shows it is a leak. */
const secret = 'SECRET';
const zoneLat = 47.1234567;
/** Codes that mean the walk was not answered (or broke), rather than answered with what the viewer may see. */
const unexpectedCodes = [
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'COST_LIMIT_EXCEEDED',
  'RATE_LIMITED',
];

/** Every path from the query root, and from the mutations that act on an activity, to an activity or an athlete. */
const queryPaths = pathsToTargets(schema.getQueryType()!, targets, { maxSteps });
const mutationPaths = pathsToTargets(schema.getMutationType()!, targets, {
  maxSteps,
  rootFields: (field) =>
    field.args.some((argument) => argument.name === 'activityId') ||
    (field.args.some((argument) => argument.name === 'id') && getNamedType(field.type).name === 'Activity'),
});

describe('every path to an activity or an athlete’s private fields, generated from the supergraph', () => {
  const harness = useStack();
  let owner: Athlete;
  let formerFollower: Athlete;
  let stranger: Athlete;
  /** ONLY_ME once saved (public while recorded, when the others commented). */
  let privateRun: string;
  /** FOLLOWERS, and the follower who commented has since unfollowed. */
  let followersRun: string;
  /** Saved for EVERYONE (when the former follower commented), then edited to ONLY_ME. */
  let editedRun: string;
  /** Recording now: ONLY_ME, and FOLLOWERS (the former follower no longer follows). */
  let privateLive: string;
  let followersLive: string;
  let follower: Athlete;
  /** Whom nothing hidden may reach (each once signed up). */
  const outsiders = [
    { who: 'a stranger', viewer: (): Athlete | null => stranger },
    { who: 'a former follower', viewer: (): Athlete | null => formerFollower },
    { who: 'someone signed out', viewer: (): Athlete | null => null },
  ];

  beforeAll(async () => {
    ({ owner, follower, formerFollower, stranger } = await ownerWithAudience(harness.url));
    await ok(owner.call(`mutation { addPrivacyZone(input: { lat: ${zoneLat}, lon: 11, radiusMeters: 400 }) { id } }`));
    await ok(owner.call('mutation { updatePreferences(input: { units: IMPERIAL, maxHeartRateBpm: 188 }) { id } }'));
    const comment = (who: Athlete, id: string, text: string) =>
      ok(who.call('mutation ($id: ID!, $text: String!) { addComment(activityId: $id, text: $text) { id } }', { id, text }));

    privateRun = await savedActivity(owner, { startedAt: new Date(Date.now() - 3 * 3600_000), fixes: 20, unsaved: true });
    await comment(formerFollower, privateRun, 'Looking good');
    await comment(stranger, privateRun, 'Go go go');
    await ok(
      owner.call('mutation ($id: ID!) { completeActivity(id: $id, input: { title: "SECRET private run", visibility: ONLY_ME }) { id } }', {
        id: privateRun,
      }),
    );
    await comment(owner, privateRun, 'SECRET note to self');

    followersRun = await savedActivity(owner, {
      startedAt: new Date(Date.now() - 2 * 3600_000),
      fixes: 20,
      visibility: 'FOLLOWERS',
      title: 'SECRET friends-only run',
    });
    await comment(formerFollower, followersRun, 'Nice pace');
    await comment(owner, followersRun, 'SECRET thanks');
    await unfollow(formerFollower, owner);
    editedRun = await savedActivity(owner, { startedAt: new Date(Date.now() - 150 * 60_000), fixes: 20 });
    await comment(formerFollower, editedRun, 'Well run');
    await ok(
      owner.call('mutation ($id: ID!) { updateActivity(id: $id, input: { title: "SECRET edited run", visibility: ONLY_ME }) { id } }', {
        id: editedRun,
      }),
    );
    // One the stranger may see, so paths through the owner's activities have something to show.
    await savedActivity(owner, { startedAt: new Date(Date.now() - 3600_000), fixes: 5, title: 'Public run' });
    const recording = async (visibility: 'ONLY_ME' | 'FOLLOWERS', title: string) => {
      const { createActivity } = await ok(
        owner.call('mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }', {
          input: { sport: 'RUN', title, visibility },
        }),
      );
      await ok(
        owner.call('mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { id } }', {
          id: createActivity.id,
          at: runTime(0),
        }),
      );
      return createActivity.id as string;
    };
    privateLive = await recording('ONLY_ME', 'SECRET live');
    followersLive = await recording('FOLLOWERS', 'SECRET friends live');
  }, 120_000);

  /** Arguments that point every path at `activityId` and its owner. */
  const argumentsFor =
    (activityId: string): ArgumentValues =>
    (field, argument) => {
      const returns = getNamedType(field.type).name;
      if (argument.name === 'first') return 3;
      if (argument.name === 'activityId') return activityId;
      if (argument.name === 'userId') return owner.id;
      if (argument.name === 'id') return returns === 'User' ? owner.id : activityId;
      if (argument.name === 'text') return 'probe';
      // A search for the owner by name finds them (a stranger's search must show no more than their profile).
      if (argument.name === 'query') return owner.name;
      if (getNamedType(argument.type).name === 'UpdateActivityInput') return { title: 'probe' };
      return undefined;
    };

  function operation(kind: 'query' | 'mutation', path: SchemaPath, activityId: string, skip: ReadonlySet<string> = new Set()): string {
    const values = argumentsFor(activityId);
    return pathOperation(kind, path, values, wholeSelection(schema.getType(path.target) as GraphQLObjectType, values, 3, skip));
  }

  /**
   * The answers to `path`: the whole selection first, then without each field
   * refused FORBIDDEN (someone else's privacy zones, say), which would null
   * its whole answer and hide what the rest shows.
   */
  async function answersTo(
    viewer: Athlete | null,
    kind: 'query' | 'mutation',
    path: SchemaPath,
    activityId: string,
  ): Promise<GraphQLResponse[]> {
    const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
    const skip = new Set<string>();
    const answers: GraphQLResponse[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const answer: GraphQLResponse = await graphql(
        harness.url,
        operation(kind, path, activityId, skip),
        {},
        viewer ? bearer(viewer.token) : {},
      );
      answers.push(answer);
      const refused = (answer.errors ?? [])
        .filter((error) => error.extensions?.code === 'FORBIDDEN' && error.path)
        .map((error) => fieldAtResponsePath(root, error.path!))
        .filter(
          (field): field is string =>
            field !== undefined && !skip.has(field) && !path.steps.some((step) => `${step.type.name}.${step.field.name}` === field),
        );
      if (refused.length === 0) return answers;
      for (const field of refused) skip.add(field);
    }
    return answers;
  }

  /** What an answer shows that the viewer may not see: a hidden activity, the owner's secrets, email, zone or preferences. */
  function leaksIn(answer: unknown, hidden: Set<string>): string[] {
    const found: string[] = [];
    const visit = (value: unknown, at: string) => {
      if (typeof value === 'string') {
        if (value.includes(secret)) found.push(`${at}: "${value}"`);
        if (value === owner.email) found.push(`${at}: the owner's email`);
      } else if (value === zoneLat) found.push(`${at}: the owner's privacy zone`);
      else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${at}.${index}`));
      else if (value && typeof value === 'object') {
        const object = value as Record<string, unknown>;
        if (object.__typename === 'Activity' && hidden.has(String(object.id))) found.push(`${at}: activity ${String(object.id)}`);
        if (object.__typename === 'User' && object.id === owner.id && object.preferences) found.push(`${at}: the owner's preferences`);
        for (const [key, item] of Object.entries(object)) visit(item, `${at}.${key}`);
      }
    };
    visit(answer, 'data');
    return found;
  }

  async function walk(viewer: Athlete | null, kind: 'query' | 'mutation', paths: SchemaPath[]) {
    const hidden = new Set([privateRun, followersRun, editedRun]);
    const leaks: string[] = [];
    const failures: string[] = [];
    for (const activityId of hidden) {
      for (const path of paths) {
        for (const answer of await answersTo(viewer, kind, path, activityId)) {
          leaks.push(...leaksIn(answer.data, hidden).map((leak) => `${pathName(path)} → ${leak}`));
          // A refusal of the whole operation would hide a leak: the walk must be answered, field by field.
          const wrong = (answer.errors ?? []).filter((error) => unexpectedCodes.includes(error.extensions?.code));
          if (answer.status >= 500 || wrong.length) failures.push(`${pathName(path)}: ${answer.status} ${JSON.stringify(answer.errors)}`);
        }
      }
    }
    return { leaks, failures };
  }

  it('has paths to walk, the one through a comment’s activity among them', () => {
    const names = queryPaths.map(pathName);
    expect(names).toContain('me.commentsWritten.edges.node.activity');
    expect(names).toContain('activity');
    expect(names).toContain('user');
    expect(names).toContain('searchAthletes.edges.node');
    expect(mutationPaths.map(pathName)).toEqual(expect.arrayContaining(['giveKudos', 'addComment.activity']));
  });

  it('reaches the owner on the search path: a stranger’s search for their name finds them', async () => {
    const found = await ok(stranger.call('query ($q: String!) { searchAthletes(query: $q) { edges { node { id } } } }', { q: owner.name }));
    expect(found.searchAthletes.edges.map(({ node }: any) => node.id)).toContain(owner.id);
  });

  it('keeps a comment on an activity made private, with its activity null rather than the whole page', async () => {
    const page = await ok(stranger.call('{ me { commentsWritten { edges { node { text activity { id title } } } } } }'));
    expect(page.me.commentsWritten.edges.map(({ node }: any) => node)).toEqual([{ text: 'Go go go', activity: null }]);
  });

  it('shows the owner everything on those paths (so the walk can see a leak)', async () => {
    const { leaks, failures } = await walk(owner, 'query', queryPaths);
    expect(failures).toEqual([]);
    const paths = new Set(leaks.map((leak) => leak.split(' → ')[0]));
    expect(['activity', 'user', 'me', 'me.commentsWritten.edges.node.activity'].filter((path) => !paths.has(path))).toEqual([]);
    expect(leaks.filter((leak) => leak.endsWith("the owner's preferences")).map((leak) => leak.split(' → ')[0])).toEqual(
      expect.arrayContaining(['user', 'me']),
    );
  }, 240_000);

  const walks = [
    { where: 'on any query path', kind: 'query', paths: queryPaths },
    { where: 'through the mutations that act on an activity', kind: 'mutation', paths: mutationPaths },
  ] as const;
  it.each(walks.flatMap((walked) => outsiders.map((outsider) => ({ ...outsider, ...walked }))))(
    'shows $who nothing hidden $where',
    async ({ viewer, kind, paths }) => {
      const { leaks, failures } = await walk(viewer(), kind, paths);
      expect(failures).toEqual([]);
      expect(leaks).toEqual([]);
    },
    240_000,
  );

  /**
   * Every subscription of the schema, as `viewer`, pointed at each activity
   * recording now, while the owner records and starts and saves activities
   * only they (or their followers) may see: what arrived.
   */
  async function watchAllSubscriptions(viewer: Athlete | null): Promise<LiveResult[]> {
    const client = liveClient(harness.url, viewer?.token);
    const streams = [];
    try {
      for (const field of Object.values(schema.getSubscriptionType()!.getFields())) {
        const targets = field.args.some((argument) => argument.name === 'activityId') ? [privateLive, followersLive] : [privateLive];
        for (const activityId of targets) {
          const values = argumentsFor(activityId);
          const path: SchemaPath = { steps: [{ type: schema.getSubscriptionType()!, field }], target: getNamedType(field.type).name };
          const selection = wholeSelection(getNamedType(field.type) as GraphQLObjectType, values, 3);
          streams.push(subscribe(client, pathOperation('subscription', path, values, selection)));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const [index, activityId] of [privateLive, followersLive].entries()) {
        await ok(
          owner.call(
            'mutation ($id: ID!, $points: [TrackPointInput!]!) { recordTrackPoints(activityId: $id, points: $points) { accepted } }',
            {
              id: activityId,
              points: runningFixes(index * 100, 3),
            },
          ),
        );
      }
      for (const visibility of ['ONLY_ME', 'FOLLOWERS'] as const) {
        await savedActivity(owner, { startedAt: new Date(), visibility, title: `SECRET ${visibility} saved`, fixes: 2 });
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const received: LiveResult[] = [];
      for (const stream of streams) while (stream.pending() > 0) received.push(await stream.next());
      return received;
    } finally {
      await client.dispose();
    }
  }

  it.each(outsiders)(
    'sends $who nothing hidden on any subscription',
    async ({ viewer }) => {
      const received = await watchAllSubscriptions(viewer());
      const hidden = new Set([privateRun, followersRun, privateLive, followersLive]);
      expect(received.flatMap((result) => leaksIn(result.data, hidden))).toEqual([]);
      expect(received.filter((result) => result.data?.liveActivity)).toEqual([]);
      expect(received.flatMap((result) => result.errors ?? []).filter((error) => unexpectedCodes.includes(error.extensions?.code))).toEqual(
        [],
      );
    },
    120_000,
  );

  it('sends a follower what followers may see on the same subscriptions (so the walk can see a leak)', async () => {
    const received = await watchAllSubscriptions(follower);
    const hidden = new Set([privateRun, privateLive]);
    expect(
      received
        .flatMap((result) => leaksIn(result.data, hidden))
        .filter((leak) => !leak.includes('SECRET FOLLOWERS') && !leak.includes('SECRET friends')),
    ).toEqual([]);
    expect(received.some((result) => result.data?.liveActivity?.activityId === followersLive)).toBe(true);
    expect(received.some((result) => result.data?.followingLive?.kind === 'SAVED')).toBe(true);
  }, 120_000);
});
