import { openDatabase, type Database } from '@pacegraph/db';
import { issueAccessToken } from '@pacegraph/service-kit';
import { readSignUpCode } from '../src/outbox.js';
import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';

const signUpMutation = 'mutation ($input: SignUpInput!) { signUp(input: $input) { email } }';
const confirmMutation =
  'mutation ($email: String!, $code: String!) { confirmSignUp(email: $email, code: $code) { token user { id name createdAt } } }';
const logInMutation = 'mutation ($input: LogInInput!) { logIn(input: $input) { token user { id name } } }';

let emails = 0;
const freshEmail = () => `signing-up-${Date.now()}-${emails++}@example.com`;

describe('accounts through the gateway', () => {
  const harness = useStack();
  let database: Database;
  beforeAll(() => {
    database = openDatabase(harness.databaseUrl, { maxConnections: 2 });
  });
  afterAll(() => database?.close());
  const signUp = (email: string, name = 'Valid Name', password = 'long enough words') =>
    graphql(harness.url, signUpMutation, { input: { name, email, password } });
  const confirm = (email: string, code: string) => graphql(harness.url, confirmMutation, { email, code });
  const codeOf = (email: string) => readSignUpCode(harness.databaseUrl, email);
  /** A code that is not `code`. */
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('signs up in two steps (a code mailed, then confirmed), logs in, and answers me for the token holder', async () => {
    const signedUp = await graphql(harness.url, signUpMutation, {
      input: { name: '  Grete Waitz ', email: 'Grete@Example.com', password: 'marathon1978' },
    });
    expect(signedUp).toEqual({ status: 200, data: { signUp: { email: 'grete@example.com' } } });
    // Nothing to sign in with until the code is confirmed.
    const early = await graphql(harness.url, logInMutation, { input: { email: 'grete@example.com', password: 'marathon1978' } });
    expect(early.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

    const confirmed = await confirm('GRETE@example.com ', await codeOf('grete@example.com'));
    expect(confirmed.errors).toBeUndefined();
    const { token, user } = confirmed.data!.confirmSignUp;
    expect(user.name).toBe('Grete Waitz');
    expect(Date.parse(user.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const me = await graphql(harness.url, '{ me { id name } }', {}, bearer(token));
    expect(me.data).toEqual({ me: { id: user.id, name: 'Grete Waitz' } });

    const loggedIn = await graphql(harness.url, logInMutation, { input: { email: 'grete@example.com', password: 'marathon1978' } });
    expect(loggedIn.data!.logIn.user).toEqual({ id: user.id, name: 'Grete Waitz' });
    const meAgain = await graphql(harness.url, '{ me { id } }', {}, bearer(loggedIn.data!.logIn.token));
    expect(meAgain.data).toEqual({ me: { id: user.id } });
    // The code worked once.
    const again = await confirm('grete@example.com', await codeOf('grete@example.com'));
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ACCOUNT.BAD_CODE', field: 'code' });
  });

  it('answers me with null for an anonymous caller, and user with null for an unknown id', async () => {
    expect((await graphql(harness.url, '{ me { id } }')).data).toEqual({ me: null });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect(await graphql(harness.url, 'query ($id: ID!) { user(id: $id) { id } }', { id })).toEqual({
        status: 200,
        data: { user: null },
      });
    }
  });

  it.each([
    ['name', { name: '' }],
    ['name', { name: 'n'.repeat(81) }],
    ['email', { email: 'not-an-email' }],
    ['password', { password: 'short' }],
  ])('rejects a bad %s with BAD_USER_INPUT naming it', async (field, change) => {
    const result = await graphql(harness.url, signUpMutation, {
      input: { name: 'Valid Name', email: `valid-${field}@example.com`, password: 'long enough', ...change },
    });
    expect(result.data).toBeNull();
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('answers a sign-up with a taken email (any case) as one with a new email, mails the holder, and makes no second account', async () => {
    const athlete = await signUpAthlete(harness.url);
    const fresh = freshEmail();
    const taken = await signUp(athlete.email.toUpperCase());
    const untaken = await signUp(fresh.toUpperCase());
    const withoutAddress = (answer: typeof taken) => JSON.stringify(answer).replace(athlete.email, '<email>').replace(fresh, '<email>');
    expect(withoutAddress(taken)).toEqual(withoutAddress(untaken));
    expect(taken).toEqual({ status: 200, data: { signUp: { email: athlete.email } } });

    const mails = await database.prisma.outboundMail.findMany({ where: { recipient: athlete.email }, orderBy: { createdAt: 'asc' } });
    expect(mails.map(({ kind, code }) => ({ kind, code }))).toEqual([
      { kind: 'SIGN_UP_CODE', code: expect.stringMatching(/^\d{6}$/) },
      { kind: 'ACCOUNT_EXISTS', code: null },
    ]);
    expect(await database.prisma.pendingSignUp.count({ where: { email: athlete.email } })).toBe(0);
    // The code the holder got when they signed up makes no second account.
    const replay = await confirm(athlete.email, mails[0]!.code!);
    expect(replay.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ACCOUNT.BAD_CODE' });
    expect(await database.prisma.user.count({ where: { email: athlete.email } })).toBe(1);
  });

  it('refuses a wrong code and an email with no sign-up waiting alike, with BAD_USER_INPUT ACCOUNT.BAD_CODE', async () => {
    const email = freshEmail();
    await signUp(email);
    const code = await codeOf(email);
    const strip = ({ errors }: Awaited<ReturnType<typeof confirm>>) => errors!.map(({ message, extensions }) => ({ message, extensions }));
    const wrongCode = await confirm(email, wrong(code));
    expect(wrongCode.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ACCOUNT.BAD_CODE', field: 'code' });
    expect(strip(await confirm(freshEmail(), code))).toEqual(strip(wrongCode));
    expect(strip(await confirm(email, 'not a code'))).toEqual(strip(wrongCode));
    expect((await confirm(email, code)).data!.confirmSignUp.user.name).toBe('Valid Name');
  });

  it('voids a sign-up after 5 tries: the fifth wrong code and any code after it are ACCOUNT.CODE_EXPIRED', async () => {
    const email = freshEmail();
    await signUp(email);
    const code = await codeOf(email);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await confirm(email, wrong(code))).errors![0]!.extensions!.reason).toBe('ACCOUNT.BAD_CODE');
    }
    expect((await confirm(email, wrong(code))).errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ACCOUNT.CODE_EXPIRED',
    });
    expect((await confirm(email, code)).errors![0]!.extensions!.reason).toBe('ACCOUNT.CODE_EXPIRED');
    expect(await database.prisma.user.count({ where: { email } })).toBe(0);
    // Signing up again mails a new code, which works.
    await signUp(email);
    expect((await confirm(email, await codeOf(email))).errors).toBeUndefined();
  });

  it('refuses a code after its 30 minutes with ACCOUNT.CODE_EXPIRED', async () => {
    const email = freshEmail();
    await signUp(email);
    await database.prisma.pendingSignUp.update({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await confirm(email, await codeOf(email))).errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ACCOUNT.CODE_EXPIRED',
      field: 'code',
    });
  });

  it('replaces a waiting sign-up when the email signs up again: the earlier code stops working, the new one and its name and password count', async () => {
    const email = freshEmail();
    expect((await signUp(email, 'First Try', 'amber falcon over hills')).errors).toBeUndefined();
    const first = await codeOf(email);
    expect((await signUp(email, 'Second Try', 'quiet river under stars')).errors).toBeUndefined();
    const second = await codeOf(email);
    expect(await database.prisma.pendingSignUp.count({ where: { email } })).toBe(1);
    if (first !== second) expect((await confirm(email, first)).errors![0]!.extensions!.reason).toBe('ACCOUNT.BAD_CODE');
    expect((await confirm(email, second)).data!.confirmSignUp.user.name).toBe('Second Try');
    const loggedIn = await graphql(harness.url, logInMutation, { input: { email, password: 'quiet river under stars' } });
    expect(loggedIn.errors).toBeUndefined();
  });

  it('keeps no code in the clear: the pending sign-up holds only a keyed hash', async () => {
    const email = freshEmail();
    await signUp(email);
    const code = await codeOf(email);
    const pending = await database.prisma.pendingSignUp.findUniqueOrThrow({ where: { email } });
    expect(pending.codeHash).not.toContain(code);
    expect(pending.passwordHash).toMatch(/^scrypt\$/);
  });

  it('fails a log-in the same way for an unknown email and a wrong password', async () => {
    const athlete = await signUpAthlete(harness.url);
    const wrongPassword = await graphql(harness.url, logInMutation, { input: { email: athlete.email, password: 'not it at all' } });
    const unknownEmail = await graphql(harness.url, logInMutation, {
      input: { email: 'nobody-here@example.com', password: 'not it at all' },
    });
    expect(wrongPassword.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const strip = ({ errors }: typeof wrongPassword) => errors!.map(({ message, extensions }) => ({ message, extensions }));
    expect(strip(unknownEmail)).toEqual(strip(wrongPassword));
  });

  it('answers 401 UNAUTHENTICATED for a forged, expired or malformed token', async () => {
    const athlete = await signUpAthlete(harness.url);
    const forged = await issueAccessToken('f'.repeat(40), athlete.user.id);
    const expired = await issueAccessToken(harness.secrets.jwtSecret, athlete.user.id, -10);
    for (const headers of [bearer(forged), bearer(expired), bearer('not.a.jwt'), { authorization: 'Token abc' }]) {
      const result = await graphql(harness.url, '{ me { id } }', {}, headers);
      expect(result.status).toBe(401);
      expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });
});
