import { athletes, ok, savedActivity, type Athlete } from './support/social.js';
import { useStack } from './support/stack.js';

/** What an app asks of an activity it just changed: fields of all three subgraphs. */
const activityFields = 'id title status athlete { name } kudosCount commentCount trackPointCount stats { distanceMeters }';

describe('services down behind the gateway (production)', () => {
  const harness = useStack({ production: true });
  let runner: Athlete;
  let friend: Athlete;
  let friendsRun: string;
  /** Signed up, and not seen by the gateway since. */
  let newcomer: Athlete;

  beforeAll(async () => {
    [runner, friend, newcomer] = await athletes(harness.url, ['Runner', 'Friend', 'Newcomer'] as const);
    friendsRun = await savedActivity(friend, { startedAt: new Date(Date.now() - 3600_000), fixes: 5 });
  });

  it('answers the mutation’s own result, the missing fields null beside a SERVICE_UNAVAILABLE error', async () => {
    await harness.stack.subgraphs.telemetry.close();
    const created = await runner.call(`mutation { createActivity(input: { sport: RUN, title: "Tempo" }) { ${activityFields} } }`);
    expect(created.data?.createActivity).toMatchObject({
      title: 'Tempo',
      status: 'NOT_STARTED',
      athlete: { name: 'Runner' },
      kudosCount: 0,
    });
    expect(created.data?.createActivity.id).toEqual(expect.any(String));
    expect(created.data?.createActivity.trackPointCount).toBeNull();
    expect(created.data?.createActivity.stats).toBeNull();
    expect(created.errors?.map((error) => error.extensions)).toEqual([{ code: 'SERVICE_UNAVAILABLE', reason: 'SERVICE.UNAVAILABLE' }]);
    // The activity was made, once: the app may go on with it.
    const started = await ok(
      runner.call('mutation ($id: ID!) { startActivity(id: $id) { id status } }', { id: created.data!.createActivity.id }),
    );
    expect(started.startActivity.status).toBe('ACTIVE');

    const kudos = await runner.call(`mutation ($id: ID!) { giveKudos(activityId: $id) { ${activityFields} } }`, { id: friendsRun });
    expect(kudos.data?.giveKudos).toMatchObject({
      id: friendsRun,
      kudosCount: 1,
      status: 'COMPLETED',
      athlete: { name: 'Friend' },
      trackPointCount: null,
    });
    expect(kudos.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
  });

  it('answers an activity made while social is down, without its athlete and kudos', async () => {
    await harness.stack.subgraphs.social.close();
    const created = await runner.call(`mutation { createActivity(input: { sport: RIDE, title: "Commute" }) { ${activityFields} } }`);
    expect(created.data?.createActivity).toMatchObject({ title: 'Commute', status: 'NOT_STARTED', athlete: null, kudosCount: null });
    expect(created.errors?.map((error) => error.extensions?.code)).toContain('SERVICE_UNAVAILABLE');
  });

  it('answers 503 SERVICE_UNAVAILABLE, not a 500, to a token it cannot check while social is down', async () => {
    const refused = await newcomer.call('{ me { id } }');
    expect(refused.status).toBe(503);
    expect(refused.errors?.map((error) => error.extensions)).toEqual([{ code: 'SERVICE_UNAVAILABLE', reason: 'AUTH.CHECK_UNAVAILABLE' }]);
  });
});
