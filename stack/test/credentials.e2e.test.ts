import { startGateway, type RunningGateway } from '@pacegraph/gateway';
import { createEventBus, createLogger, issueAccessToken, type EventBus } from '@pacegraph/service-kit';
import { CloseCode } from 'graphql-ws';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';

const changePasswordMutation = `mutation ($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { token user { id } }
}`;
const logInMutation = 'mutation ($input: LogInInput!) { logIn(input: $input) { token } }';
const deleteMutation = 'mutation ($password: String!) { deleteMyAccount(password: $password) }';
/** The password a test changes to, where it needs no other. */
const freshPassword = 'a fresh long passphrase';

/** Opens a graphql-ws socket signed in with `token`, subscribes to "out now", and resolves with how it closes. */
async function openSubscribedSocket(gatewayUrl: string, token: string) {
  const socket = new WebSocket(gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string };
      if (message.type !== 'connection_ack') return;
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { followingLive { kind } }' } }));
      resolve();
    });
    socket.on('error', reject);
    socket.on('close', (code) => reject(new Error(`closed with ${code} before connection_ack`)));
  });
  return { socket, closed };
}

describe('credentials: tokens die with the password and the account', () => {
  const harness = useStack();
  /** Changes `athlete`'s password through the gateway, signed in with their token. */
  const changePassword = (athlete: { token: string }, currentPassword: string, newPassword = freshPassword) =>
    graphql(harness.url, changePasswordMutation, { currentPassword, newPassword }, bearer(athlete.token));

  it('refuses every token issued before a password change, on HTTP, and the fresh one works', async () => {
    const athlete = await signUpAthlete(harness.url);
    // A second device's token, and one the gateway has remembered.
    const otherDevice = (await graphql(harness.url, logInMutation, { input: { email: athlete.email, password: athlete.password } })).data!
      .logIn.token as string;
    expect((await graphql(harness.url, '{ me { id } }', {}, bearer(athlete.token))).data).toEqual({ me: { id: athlete.user.id } });

    const changed = await changePassword(athlete, athlete.password);
    expect(changed.errors).toBeUndefined();
    const fresh = changed.data!.changePassword.token as string;

    for (const old of [athlete.token, otherDevice]) {
      const refused = await graphql(harness.url, '{ me { id } }', {}, bearer(old));
      expect(refused.status).toBe(401);
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AUTH.TOKEN_REVOKED' });
    }
    expect((await graphql(harness.url, '{ me { id } }', {}, bearer(fresh))).data).toEqual({ me: { id: athlete.user.id } });
    const oldPassword = await graphql(harness.url, logInMutation, { input: { email: athlete.email, password: athlete.password } });
    expect(oldPassword.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const newPassword = await graphql(harness.url, logInMutation, {
      input: { email: athlete.email, password: freshPassword },
    });
    expect((await graphql(harness.url, '{ me { id } }', {}, bearer(newPassword.data!.logIn.token))).data).toEqual({
      me: { id: athlete.user.id },
    });
  });

  it('ends the data-export links issued before a password change, as it ends the tokens', async () => {
    const athlete = await signUpAthlete(harness.url);
    const link = (await graphql(harness.url, 'mutation { exportMyData { url } }', {}, bearer(athlete.token))).data!.exportMyData
      .url as string;
    const changed = await changePassword(athlete, athlete.password, 'another long passphrase');
    expect(changed.errors).toBeUndefined();
    expect((await fetch(`${new URL(harness.url).origin}${link}`)).status).toBe(410);
  });

  it('changes a password only with the current one, and only to one that is not weak', async () => {
    const athlete = await signUpAthlete(harness.url);
    const wrong = await changePassword(athlete, 'not the password');
    expect(wrong.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT.BAD_CREDENTIALS' });
    const weak = await changePassword(athlete, athlete.password, 'Password123!');
    expect(weak.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ACCOUNT.PASSWORD_TOO_COMMON',
      field: 'newPassword',
    });
    const anonymous = await graphql(harness.url, changePasswordMutation, {
      currentPassword: athlete.password,
      newPassword: freshPassword,
    });
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    // Nothing changed: the token still works.
    expect((await graphql(harness.url, '{ me { id } }', {}, bearer(athlete.token))).data).toEqual({ me: { id: athlete.user.id } });
  });

  it('refuses a deleted account’s token at once (401), even one the gateway remembered', async () => {
    const athlete = await signUpAthlete(harness.url);
    expect((await graphql(harness.url, '{ me { id } }', {}, bearer(athlete.token))).data).toEqual({ me: { id: athlete.user.id } });
    await graphql(harness.url, deleteMutation, { password: athlete.password }, bearer(athlete.token));
    const refused = await graphql(harness.url, '{ me { id } }', {}, bearer(athlete.token));
    expect(refused.status).toBe(401);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AUTH.ACCOUNT_DELETED' });
  });

  describe('at a second gateway', () => {
    let second: RunningGateway;
    let secondBus: EventBus;
    beforeAll(async () => {
      const { stack } = harness;
      // Its own bus connection: with Redis (services mode) it hears social the way another process would.
      secondBus = process.env.REDIS_URL
        ? createEventBus({ redisUrl: process.env.REDIS_URL, channelPrefix: stack.channelPrefix, log: createLogger('test', 'silent') })
        : stack.bus;
      second = await startGateway({
        host: '127.0.0.1',
        port: 0,
        jwtSecret: harness.secrets.jwtSecret,
        internalSecret: harness.secrets.internalSecret,
        subgraphUrls: {
          social: [stack.subgraphs.social.url],
          activity: [stack.subgraphs.activity.url],
          telemetry: [stack.subgraphs.telemetry.url],
        },
        production: false,
        logLevel: 'silent',
        bus: secondBus,
      });
    });
    afterAll(async () => {
      await second?.close();
      if (secondBus !== harness.stack.bus) await secondBus?.close();
    });

    it('refuses a token revoked through the first gateway, though it had remembered it', async () => {
      const athlete = await signUpAthlete(harness.url);
      expect((await graphql(second.url, '{ me { id } }', {}, bearer(athlete.token))).data).toEqual({ me: { id: athlete.user.id } });
      await changePassword(athlete, athlete.password);
      expect((await graphql(second.url, '{ me { id } }', {}, bearer(athlete.token))).status).toBe(401);
    });

    it('refuses, having never seen it, the token of an account deleted before the gateway started', async () => {
      const athlete = await signUpAthlete(harness.url);
      await graphql(harness.url, deleteMutation, { password: athlete.password }, bearer(athlete.token));
      const fresh = await startGateway({
        host: '127.0.0.1',
        port: 0,
        jwtSecret: harness.secrets.jwtSecret,
        internalSecret: harness.secrets.internalSecret,
        subgraphUrls: {
          social: [harness.stack.subgraphs.social.url],
          activity: [harness.stack.subgraphs.activity.url],
          telemetry: [harness.stack.subgraphs.telemetry.url],
        },
        production: false,
        logLevel: 'silent',
      });
      try {
        const refused = await graphql(fresh.url, '{ me { id } }', {}, bearer(athlete.token));
        expect(refused.status).toBe(401);
        expect(refused.errors![0]!.extensions!.reason).toBe('AUTH.ACCOUNT_DELETED');
      } finally {
        await fresh.close();
      }
    });
  });

  describe('over WebSocket', () => {
    it('closes a socket with 4403 when its athlete changes their password', async () => {
      const athlete = await signUpAthlete(harness.url);
      const { closed } = await openSubscribedSocket(harness.url, athlete.token);
      await changePassword(athlete, athlete.password);
      expect(await closed).toBe(CloseCode.Forbidden);
    });

    it('closes a socket with 4403 when its athlete deletes their account', async () => {
      const athlete = await signUpAthlete(harness.url);
      const { closed } = await openSubscribedSocket(harness.url, athlete.token);
      await graphql(harness.url, deleteMutation, { password: athlete.password }, bearer(athlete.token));
      expect(await closed).toBe(CloseCode.Forbidden);
    });

    it('closes a socket with 4403 when its token expires', async () => {
      const athlete = await signUpAthlete(harness.url);
      const shortLived = await issueAccessToken(harness.secrets.jwtSecret, athlete.user.id, 2);
      const { socket, closed } = await openSubscribedSocket(harness.url, shortLived);
      let open = true;
      socket.on('close', () => (open = false));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(open).toBe(true);
      expect(await closed).toBe(CloseCode.Forbidden);
    });

    it('keeps the socket of a token that is still good', async () => {
      const athlete = await signUpAthlete(harness.url);
      const other = await signUpAthlete(harness.url);
      const { socket, closed } = await openSubscribedSocket(harness.url, athlete.token);
      // Someone else's password change is not this socket's business.
      await changePassword(other, other.password);
      expect((await graphql(harness.url, '{ me { id } }', {}, bearer(athlete.token))).data).toEqual({ me: { id: athlete.user.id } });
      expect(socket.readyState).toBe(WebSocket.OPEN);
      socket.close(1000);
      expect(await closed).toBe(1000);
    });
  });

  it('does not let apps ask for token versions (the gateway-only lookup is not in the API)', async () => {
    const athlete = await signUpAthlete(harness.url);
    const asked = await graphql(
      harness.url,
      'query ($ids: [ID!]!) { tokenVersions(userIds: $ids) }',
      { ids: [athlete.user.id] },
      bearer(athlete.token),
    );
    expect(asked.data).toBeUndefined();
    expect(asked.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses with 401 a token issued in the future or living far longer than PaceGraph issues', async () => {
    const athlete = await signUpAthlete(harness.url);
    const now = Math.floor(Date.now() / 1000);
    const sign = (iat: number, exp: number) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(athlete.user.id)
        .setIssuer('pacegraph')
        .setAudience('pacegraph-api')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(harness.secrets.jwtSecret));
    for (const token of [await sign(now + 3600, now + 7200), await sign(now, now + 10 * 365 * 24 * 3600)]) {
      const result = await graphql(harness.url, '{ me { id } }', {}, bearer(token));
      expect(result.status).toBe(401);
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AUTH.INVALID_TOKEN' });
    }
  });
});
