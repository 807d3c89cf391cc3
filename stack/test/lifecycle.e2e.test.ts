import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';

/** A device time `minutes` after a start two hours ago: recorded offline, synced now. */
const deviceTime = (minutes: number) => new Date(startOfRun + minutes * 60_000).toISOString();
const startOfRun = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3600_000;

const fields = 'id status title description visibility startedAt endedAt';
const create = `mutation ($input: CreateActivityInput!) { createActivity(input: $input) { ${fields} } }`;
const timed = (name: string) => `mutation ($id: ID!, $at: DateTime) { ${name}(id: $id, at: $at) { ${fields} } }`;
const complete = `mutation ($id: ID!, $input: CompleteActivityInput) { completeActivity(id: $id, input: $input) { ${fields} } }`;
const discard = `mutation ($id: ID!) { discardActivity(id: $id) { ${fields} } }`;

describe('the activity lifecycle through the gateway', () => {
  const harness = useStack();
  const as = (token: string) => ({
    run: (query: string, variables: Record<string, unknown>) => graphql(harness.url, query, variables, bearer(token)),
  });

  async function newActivity(token: string, input: Record<string, unknown> = { sport: 'RUN' }) {
    const result = await as(token).run(create, { input });
    return result.data!.createActivity as Record<string, string | null>;
  }

  it('goes start → pause → resume → stop → complete, keeping device times', async () => {
    const athlete = await signUpAthlete(harness.url);
    const me = as(athlete.token);
    const activity = await newActivity(athlete.token);
    expect(activity).toMatchObject({ status: 'NOT_STARTED', visibility: 'EVERYONE', startedAt: null });

    const steps: [string, string, string][] = [
      ['startActivity', deviceTime(0), 'ACTIVE'],
      ['pauseActivity', deviceTime(20), 'PAUSED'],
      ['resumeActivity', deviceTime(22.5), 'ACTIVE'],
      ['stopActivity', deviceTime(45), 'STOPPED'],
    ];
    for (const [mutation, at, status] of steps) {
      const result = await me.run(timed(mutation), { id: activity.id, at });
      expect([mutation, result.errors, result.data?.[mutation]?.status]).toEqual([mutation, undefined, status]);
    }
    const completed = await me.run(complete, {
      id: activity.id,
      input: { title: 'Sunday long run', description: ' Easy pace ', visibility: 'FOLLOWERS' },
    });
    expect(completed.data!.completeActivity).toEqual({
      id: activity.id,
      status: 'COMPLETED',
      title: 'Sunday long run',
      description: 'Easy pace',
      visibility: 'FOLLOWERS',
      startedAt: deviceTime(0),
      endedAt: deviceTime(45),
    });
  });

  it('refuses an illegal transition with CONFLICT naming the current and requested state', async () => {
    const athlete = await signUpAthlete(harness.url);
    const activity = await newActivity(athlete.token);
    const result = await as(athlete.token).run(timed('pauseActivity'), { id: activity.id });
    expect(result.errors![0]).toMatchObject({
      message: 'Cannot pause an activity that is NOT_STARTED',
      extensions: { code: 'CONFLICT', reason: 'ACTIVITY.ILLEGAL_TRANSITION' },
    });
  });

  it('answers a retried transition with the same time with the same activity', async () => {
    const athlete = await signUpAthlete(harness.url);
    const me = as(athlete.token);
    const activity = await newActivity(athlete.token);
    const at = deviceTime(0);
    const first = await me.run(timed('startActivity'), { id: activity.id, at });
    const retry = await me.run(timed('startActivity'), { id: activity.id, at });
    expect(retry).toEqual(first);
    const otherTime = await me.run(timed('startActivity'), { id: activity.id, at: deviceTime(0.1) });
    expect(otherTime.errors![0]!.extensions!.code).toBe('CONFLICT');
    await me.run(timed('stopActivity'), { id: activity.id, at: deviceTime(30) });
    const saved = await me.run(complete, { id: activity.id });
    expect(await me.run(complete, { id: activity.id })).toEqual(saved);
  });

  it('makes one activity for one clientId, however often it is created', async () => {
    const athlete = await signUpAthlete(harness.url);
    const input = { sport: 'RIDE', title: 'Commute', clientId: 'phone-7f3a-0001' };
    const results = await Promise.all([1, 2, 3].map(() => newActivity(athlete.token, input)));
    expect(new Set(results.map((activity) => activity.id)).size).toBe(1);
    const other = await signUpAthlete(harness.url);
    const theirs = await newActivity(other.token, input);
    expect(theirs.id).not.toBe(results[0]!.id);
  });

  it('discards from any state before COMPLETED, and not after', async () => {
    const athlete = await signUpAthlete(harness.url);
    const me = as(athlete.token);
    const fresh = await newActivity(athlete.token);
    expect((await me.run(discard, { id: fresh.id })).data!.discardActivity.status).toBe('DISCARDED');
    expect((await me.run(discard, { id: fresh.id })).data!.discardActivity.status).toBe('DISCARDED');

    const paused = await newActivity(athlete.token);
    await me.run(timed('startActivity'), { id: paused.id });
    await me.run(timed('pauseActivity'), { id: paused.id });
    expect((await me.run(discard, { id: paused.id })).data!.discardActivity.status).toBe('DISCARDED');

    const saved = await newActivity(athlete.token);
    await me.run(timed('startActivity'), { id: saved.id });
    await me.run(timed('stopActivity'), { id: saved.id });
    await me.run(complete, { id: saved.id });
    const late = await me.run(discard, { id: saved.id });
    expect(late.errors![0]).toMatchObject({
      message: 'Cannot discard an activity that is COMPLETED',
      extensions: { code: 'CONFLICT' },
    });
  });

  it('lets only the athlete change an activity, and hides private ones from others', async () => {
    const owner = await signUpAthlete(harness.url);
    const stranger = await signUpAthlete(harness.url);
    const activity = await newActivity(owner.token, { sport: 'WALK', visibility: 'ONLY_ME' });
    const attempt = await as(stranger.token).run(timed('startActivity'), { id: activity.id });
    expect(attempt.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACTIVITY.NOT_OWNER' });
    const read = (token?: string) =>
      graphql(harness.url, 'query ($id: ID!) { activity(id: $id) { id } }', { id: activity.id }, token ? bearer(token) : {});
    expect((await read(owner.token)).data).toEqual({ activity: { id: activity.id } });
    expect((await read(stranger.token)).data).toEqual({ activity: null });
    expect((await read()).data).toEqual({ activity: null });
    const missing = await as(owner.token).run(timed('startActivity'), { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('refuses a transition time before the previous one, naming the field', async () => {
    const athlete = await signUpAthlete(harness.url);
    const me = as(athlete.token);
    const activity = await newActivity(athlete.token);
    await me.run(timed('startActivity'), { id: activity.id, at: deviceTime(0) });
    const early = await me.run(timed('pauseActivity'), { id: activity.id, at: deviceTime(-1) });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
    const bad = await me.run(timed('pauseActivity'), { id: activity.id, at: 'yesterday' });
    expect(bad.errors![0]).toMatchObject({
      message: expect.stringContaining('DateTime must be an ISO-8601 string'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
