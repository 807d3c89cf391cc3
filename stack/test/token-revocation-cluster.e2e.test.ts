import { CloseCode } from 'graphql-ws';
import WebSocket from 'ws';
import { useTestCluster } from '../src/testing.js';
import { bearer, graphql, signUpAthlete } from './support/stack.js';

// Gateways in separate processes hear of revocations only through Redis: without REDIS_URL
// (the embedded default) each would learn only when its cached version expires.
const describeWithRedis = process.env.REDIS_URL ? describe : describe.skip;

/** Well under the 30 s a gateway keeps a token version: only the announcement can make it. */
const announcementLimitMs = 10_000;

const changePasswordMutation = `mutation ($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { token }
}`;

/** Asks `me` at `gatewayUrl` until it answers 401, and returns the reason; fails after `limitMs`. */
async function refusedWithin(gatewayUrl: string, token: string, limitMs: number): Promise<string> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const result = await graphql(gatewayUrl, '{ me { id } }', {}, bearer(token));
    if (result.status === 401) return result.errors![0]!.extensions!.reason as string;
    if (Date.now() > deadline) throw new Error(`still accepted after ${limitMs} ms: ${JSON.stringify(result)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeWithRedis('token revocation across gateway processes (Redis)', () => {
  const cluster = useTestCluster({ instances: 1, gateways: 2, logLevel: 'warn', stdio: 'inherit' });

  it('refuses at gateway B, long before its cache would expire, a token whose password changed through gateway A', async () => {
    const [gatewayA, gatewayB] = cluster.gatewayUrls as [string, string];
    const athlete = await signUpAthlete(gatewayA);
    // B has verified the token and knows the account's version.
    expect((await graphql(gatewayB, '{ me { id } }', {}, bearer(athlete.token))).data).toEqual({ me: { id: athlete.user.id } });
    const socket = new WebSocket(gatewayB.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      socket.on('open', () =>
        socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${athlete.token}` } })),
      );
      socket.on('message', (data: Buffer) => JSON.parse(data.toString()).type === 'connection_ack' && resolve());
    });

    const changed = await graphql(
      gatewayA,
      changePasswordMutation,
      { currentPassword: athlete.password, newPassword: 'a fresh long passphrase' },
      bearer(athlete.token),
    );
    expect(changed.errors).toBeUndefined();
    // The announcement crosses Redis in milliseconds; the cache alone would take 30 s.
    expect(await refusedWithin(gatewayB, athlete.token, announcementLimitMs)).toBe('AUTH.TOKEN_REVOKED');
    expect(await closed).toBe(CloseCode.Forbidden);
    // The fresh token works at B, though B may not have heard of its version yet.
    const fresh = changed.data!.changePassword.token as string;
    expect((await graphql(gatewayB, '{ me { id } }', {}, bearer(fresh))).data).toEqual({ me: { id: athlete.user.id } });
  });

  it('refuses at gateway B the token of an account deleted through gateway A', async () => {
    const [gatewayA, gatewayB] = cluster.gatewayUrls as [string, string];
    const athlete = await signUpAthlete(gatewayA);
    expect((await graphql(gatewayB, '{ me { id } }', {}, bearer(athlete.token))).data).toEqual({ me: { id: athlete.user.id } });
    await graphql(
      gatewayA,
      'mutation ($password: String!) { deleteMyAccount(password: $password) }',
      { password: athlete.password },
      bearer(athlete.token),
    );
    expect(await refusedWithin(gatewayB, athlete.token, announcementLimitMs)).toBe('AUTH.ACCOUNT_DELETED');
  });
});
