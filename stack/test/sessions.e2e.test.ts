import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { bootTestStack, type StackUnderTest } from '../src/testing.js';
import { bearer, graphql, signUpAthlete } from './support/stack.js';

const sessionFields = 'token expiresAt refreshToken user { id }';
const logInMutation = `mutation ($input: LogInInput!) { logIn(input: $input) { ${sessionFields} } }`;
const refreshMutation = `mutation ($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${sessionFields} } }`;
const changePasswordMutation = `mutation ($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { ${sessionFields} }
}`;
const requestResetMutation = 'mutation ($email: String!) { requestPasswordReset(email: $email) }';
const resetMutation = `mutation ($email: String!, $code: String!, $newPassword: String!) {
  resetPassword(email: $email, code: $code, newPassword: $newPassword) { ${sessionFields} }
}`;

interface Session {
  token: string;
  expiresAt: string;
  refreshToken: string;
  user: { id: string };
}

/** A mail the SMTP sink received: its envelope recipients and its raw text, soft line breaks undone. */
interface ReceivedMail {
  to: string[];
  text: string;
}

/** A real SMTP server on a free port that keeps every mail it is given. */
async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const text = Buffer.concat(chunks)
          .toString('utf8')
          .replace(/=\r?\n/g, '');
        received.push({ to: session.envelope.rcptTo.map((recipient) => recipient.address), text });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('sessions: short-lived tokens, rotating refresh tokens, logging out, resetting a password', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let deployment: StackUnderTest;
  let url: string;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    deployment = await bootTestStack({ smtpUrl: smtp.url });
    url = deployment.stack.gatewayUrl;
  });
  afterAll(async () => {
    await deployment?.close();
    await smtp?.close();
  });

  const logIn = async (athlete: { email: string; password: string }, password = athlete.password): Promise<Session> => {
    const answer = await graphql(url, logInMutation, { input: { email: athlete.email, password } });
    if (!answer.data?.logIn) throw new Error(`logIn failed: ${JSON.stringify(answer.errors)}`);
    return answer.data.logIn as Session;
  };
  const refresh = (refreshToken: string) => graphql(url, refreshMutation, { refreshToken });
  const me = (token: string) => graphql(url, '{ me { id } }', {}, bearer(token));
  /** The mail the sink received for `email` whose text matches `pattern`, waited for (delivery follows the answer). */
  const mailTo = async (email: string, pattern: RegExp): Promise<RegExpExecArray> => {
    for (let waited = 0; waited < 10_000; waited += 50) {
      for (const mail of smtp.received) {
        const found = mail.to.includes(email) ? pattern.exec(mail.text) : null;
        if (found) return found;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no mail to ${email} matching ${pattern}`);
  };

  it('signs in with a 15-minute access token naming its session, and a refresh token', async () => {
    const athlete = await signUpAthlete(url);
    const session = await logIn(athlete);
    const lifetimeMs = Date.parse(session.expiresAt) - Date.now();
    expect(lifetimeMs).toBeGreaterThan(14 * 60_000);
    expect(lifetimeMs).toBeLessThanOrEqual(15 * 60_000);
    expect(session.refreshToken).toMatch(/^[\w-]{43}$/);
    const claims = JSON.parse(Buffer.from(session.token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims.sid).toEqual(expect.any(String));
    expect(claims.exp! as number).toBe((claims.iat as number) + 15 * 60);
  });

  it('rotates: a refresh gives a new working pair for the same athlete', async () => {
    const athlete = await signUpAthlete(url);
    const first = await logIn(athlete);
    const refreshed = await refresh(first.refreshToken);
    expect(refreshed.errors).toBeUndefined();
    const second = refreshed.data!.refreshSession as Session;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.id).toBe(athlete.user.id);
    expect((await me(second.token)).data).toEqual({ me: { id: athlete.user.id } });
    const third = await refresh(second.refreshToken);
    expect(third.errors).toBeUndefined();
  });

  it('ends the whole session when a used refresh token comes again: the token it rotated to and its access tokens stop working', async () => {
    const athlete = await signUpAthlete(url);
    const first = await logIn(athlete);
    const otherDevice = await logIn(athlete);
    const second = (await refresh(first.refreshToken)).data!.refreshSession as Session;

    const reused = await refresh(first.refreshToken);
    expect(reused.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT.REFRESH_TOKEN_REUSED' });
    const rotatedTo = await refresh(second.refreshToken);
    expect(rotatedTo.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT.SESSION_ENDED' });
    const access = await me(second.token);
    expect(access.status).toBe(401);
    expect(access.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AUTH.SESSION_ENDED' });
    // Another device's session is its own.
    expect((await me(otherDevice.token)).data).toEqual({ me: { id: athlete.user.id } });
    expect((await refresh(otherDevice.refreshToken)).errors).toBeUndefined();
  });

  it('lets one of two refreshes racing with the same token win, and ends the session for the other', async () => {
    const athlete = await signUpAthlete(url);
    const session = await logIn(athlete);
    const answers = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    const won = answers.filter((answer) => answer.data?.refreshSession);
    const lost = answers.filter((answer) => answer.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.errors![0]!.extensions!.reason).toBe('ACCOUNT.REFRESH_TOKEN_REUSED');
    const winner = won[0]!.data!.refreshSession as Session;
    expect((await refresh(winner.refreshToken)).errors![0]!.extensions!.reason).toBe('ACCOUNT.SESSION_ENDED');
  });

  it('refuses a refresh token it never issued', async () => {
    const unknown = await refresh('A'.repeat(43));
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT.BAD_REFRESH_TOKEN' });
    const malformed = await refresh('not a token');
    expect(malformed.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT.BAD_REFRESH_TOKEN' });
  });

  it("logs this device out: its refresh and access tokens stop working, another device's go on", async () => {
    const athlete = await signUpAthlete(url);
    const thisDevice = await logIn(athlete);
    const otherDevice = await logIn(athlete);
    const loggedOut = await graphql(url, 'mutation { logOut }', {}, bearer(thisDevice.token));
    expect(loggedOut.data).toEqual({ logOut: true });

    expect((await refresh(thisDevice.refreshToken)).errors![0]!.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'ACCOUNT.SESSION_ENDED',
    });
    expect((await me(thisDevice.token)).errors![0]!.extensions).toMatchObject({ reason: 'AUTH.SESSION_ENDED' });
    expect((await me(otherDevice.token)).data).toEqual({ me: { id: athlete.user.id } });
    expect((await refresh(otherDevice.refreshToken)).errors).toBeUndefined();
  });

  it('logs every device out: every access and refresh token stops working, and logging in again works', async () => {
    const athlete = await signUpAthlete(url);
    const devices = [await logIn(athlete), await logIn(athlete)];
    const loggedOut = await graphql(url, 'mutation { logOutEverywhere }', {}, bearer(devices[0]!.token));
    expect(loggedOut.data).toEqual({ logOutEverywhere: true });
    for (const device of devices) {
      expect((await me(device.token)).errors![0]!.extensions).toMatchObject({ reason: 'AUTH.TOKEN_REVOKED' });
      expect((await refresh(device.refreshToken)).errors![0]!.extensions!.reason).toBe('ACCOUNT.SESSION_ENDED');
    }
    const again = await logIn(athlete);
    expect((await me(again.token)).data).toEqual({ me: { id: athlete.user.id } });
  });

  it("ends other devices' sessions on a password change, and gives this device a fresh one that refreshes", async () => {
    const athlete = await signUpAthlete(url);
    const thisDevice = await logIn(athlete);
    const otherDevice = await logIn(athlete);
    const changed = await graphql(
      url,
      changePasswordMutation,
      { currentPassword: athlete.password, newPassword: 'a fresh long passphrase' },
      bearer(thisDevice.token),
    );
    expect(changed.errors).toBeUndefined();
    const fresh = changed.data!.changePassword as Session;
    expect((await refresh(otherDevice.refreshToken)).errors![0]!.extensions!.reason).toBe('ACCOUNT.SESSION_ENDED');
    expect((await me(otherDevice.token)).errors![0]!.extensions!.reason).toBe('AUTH.TOKEN_REVOKED');
    const refreshed = await refresh(fresh.refreshToken);
    expect(refreshed.errors).toBeUndefined();
    expect((await me(refreshed.data!.refreshSession.token)).data).toEqual({ me: { id: athlete.user.id } });
  });

  it('resets a password with the code mailed over SMTP: every session ends and the new password signs in', async () => {
    const athlete = await signUpAthlete(url);
    const before = await logIn(athlete);
    const requested = await graphql(url, requestResetMutation, { email: ` ${athlete.email.toUpperCase()} ` });
    expect(requested.data).toEqual({ requestPasswordReset: athlete.email });
    const [, code] = await mailTo(athlete.email, /new password is (\d{6})/);

    const weak = await graphql(url, resetMutation, { email: athlete.email, code, newPassword: 'Password123!' });
    expect(weak.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ACCOUNT.PASSWORD_TOO_COMMON' });
    const wrong = await graphql(url, resetMutation, {
      email: athlete.email,
      code: code === '000000' ? '000001' : '000000',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ACCOUNT.BAD_CODE' });
    const reset = await graphql(url, resetMutation, { email: athlete.email, code, newPassword: 'a brand new passphrase' });
    expect(reset.errors).toBeUndefined();
    const signedIn = reset.data!.resetPassword as Session;
    expect((await me(signedIn.token)).data).toEqual({ me: { id: athlete.user.id } });

    expect((await me(before.token)).errors![0]!.extensions!.reason).toBe('AUTH.TOKEN_REVOKED');
    expect((await refresh(before.refreshToken)).errors![0]!.extensions!.reason).toBe('ACCOUNT.SESSION_ENDED');
    const oldPassword = await graphql(url, logInMutation, { input: { email: athlete.email, password: athlete.password } });
    expect(oldPassword.errors![0]!.extensions!.reason).toBe('ACCOUNT.BAD_CREDENTIALS');
    await logIn(athlete, 'a brand new passphrase');
    // The code is spent.
    const again = await graphql(url, resetMutation, { email: athlete.email, code, newPassword: 'yet another passphrase' });
    expect(again.errors![0]!.extensions!.reason).toBe('ACCOUNT.BAD_CODE');
  });

  it('answers a password reset for an email with no account as for one with, and mails nothing', async () => {
    const email = `nobody-${Date.now()}@example.com`;
    const requested = await graphql(url, requestResetMutation, { email });
    expect(requested.data).toEqual({ requestPasswordReset: email });
    const reset = await graphql(url, resetMutation, { email, code: '123456', newPassword: 'a brand new passphrase' });
    expect(reset.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ACCOUNT.BAD_CODE' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.filter((mail) => mail.to.includes(email))).toEqual([]);
  });

  it('delivers the sign-up code over SMTP too', async () => {
    const athlete = await signUpAthlete(url);
    const [, code] = await mailTo(athlete.email, /Your code is (\d{6})/);
    expect(code).toMatch(/^\d{6}$/);
  });
});
