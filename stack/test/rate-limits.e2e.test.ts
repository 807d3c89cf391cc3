import { request } from 'node:http';
import { readSignUpCode } from '../src/outbox.js';
import { useStack } from './support/stack.js';

interface Answer {
  status: number;
  retryAfter: string | undefined;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

/** One GraphQL request over real HTTP, sent from `clientAddress` (any 127.x.y.z reaches the gateway). */
function graphqlFrom(
  clientAddress: string,
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Answer> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      {
        method: 'POST',
        localAddress: clientAddress,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            retryAfter: response.headers['retry-after'],
            ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as object),
          }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

const password = 'violet kestrel at dawn';
const signUpMutation = 'mutation ($input: SignUpInput!) { signUp(input: $input) { email } }';
const confirmMutation = 'mutation ($email: String!, $code: String!) { confirmSignUp(email: $email, code: $code) { token user { id } } }';
const logInMutation = 'mutation ($input: LogInInput!) { logIn(input: $input) { token user { id } } }';
const followMutation = 'mutation ($id: ID!) { follow(userId: $id) { id } }';

let accounts = 0;
const freshEmail = () => `limited-${Date.now()}-${accounts++}@example.com`;

describe('rate limits on accounts (issue 15: 211 wrong passwords in 10 s, no throttling)', () => {
  // Social's own limits, not the test stack's allowance for sign-ups.
  const harness = useStack({ accountLimits: {} });
  const call = (from: string, query: string, variables: Record<string, unknown>, token?: string) =>
    graphqlFrom(from, harness.url, query, variables, token);
  /** Both steps of a sign-up from `from`: signUp, then confirmSignUp with the mailed code. */
  const signUp = async (from: string) => {
    const email = freshEmail();
    const started = await call(from, signUpMutation, { input: { name: 'Owner', email, password } });
    if (!started.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(started.errors)}`);
    const answer = await call(from, confirmMutation, { email, code: await readSignUpCode(harness.databaseUrl, email) });
    if (!answer.data?.confirmSignUp) throw new Error(`confirmSignUp failed: ${JSON.stringify(answer.errors)}`);
    return { email, token: answer.data.confirmSignUp.token as string, id: answer.data.confirmSignUp.user.id as string };
  };
  const logIn = (from: string, email: string, guess: string) => call(from, logInMutation, { input: { email, password: guess } });

  it('refuses guesses at one account from one address after 10 failures with 429 RATE_LIMITED and Retry-After; the owner elsewhere still gets in', async () => {
    const owner = await signUp('127.0.0.1');
    const codes: string[] = [];
    let limited: Answer | undefined;
    for (let guess = 0; guess < 211; guess++) {
      const answer = await logIn('127.0.0.1', owner.email, `wrong guess ${guess}`);
      codes.push(answer.errors![0]!.extensions!.code as string);
      limited ??= answer.errors![0]!.extensions!.code === 'RATE_LIMITED' ? answer : undefined;
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    expect(new Set(codes.slice(10))).toEqual(new Set(['RATE_LIMITED']));
    expect(limited!.status).toBe(429);
    expect(limited!.data).toBeNull();
    const { retryAfterSeconds, reason } = limited!.errors![0]!.extensions!;
    expect(reason).toBe('ACCOUNT.TOO_MANY_LOG_INS');
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(Number(limited!.retryAfter)).toBe(retryAfterSeconds);
    // Even the right password waits from that address: the guesser learns nothing more.
    expect((await logIn('127.0.0.1', owner.email, password)).errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    const elsewhere = await logIn('127.0.0.2', owner.email, password);
    expect(elsewhere.errors).toBeUndefined();
    expect(elsewhere.data!.logIn.user.id).toBe(owner.id);
  });

  it('counts guesses sent all at once before any is checked: 10 of 50 reach the password, the rest are RATE_LIMITED', async () => {
    const owner = await signUp('127.0.0.1');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, guess) => logIn('127.0.0.11', owner.email, `parallel guess ${guess}`)),
    );
    const codes = answers.map((answer) => answer.errors![0]!.extensions!.code as string);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(10);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(40);
  });

  it("keeps the owner getting in from an address they signed in from, when guesses from many addresses spent the account's limit", async () => {
    const owner = await signUp('127.0.0.1');
    expect((await logIn('127.0.0.12', owner.email, password)).errors).toBeUndefined();
    for (let attacker = 1; attacker <= 10; attacker++) {
      for (let guess = 0; guess < 10; guess++) await logIn(`127.0.1.${attacker}`, owner.email, `spread guess ${guess}`);
    }
    // A new address is refused for the account (100 failures at it from anywhere)…
    expect((await logIn('127.0.1.11', owner.email, password)).errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // …the owner's own is not.
    const known = await logIn('127.0.0.12', owner.email, password);
    expect(known.errors).toBeUndefined();
    expect(known.data!.logIn.user.id).toBe(owner.id);
  });

  it('limits password guesses through changePassword and deleteMyAccount like logIn', async () => {
    const owner = await signUp('127.0.0.13');
    const change =
      'mutation ($current: String!) { changePassword(currentPassword: $current, newPassword: "amber heron over water") { token } }';
    for (let guess = 0; guess < 5; guess++) {
      expect((await call('127.0.0.13', change, { current: `wrong ${guess}` }, owner.token)).errors![0]!.extensions!.code).toBe(
        'UNAUTHENTICATED',
      );
      const deletion = await call(
        '127.0.0.13',
        'mutation ($p: String!) { deleteMyAccount(password: $p) }',
        { p: `wrong ${guess}` },
        owner.token,
      );
      expect(deletion.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    const refused = await call('127.0.0.13', change, { current: password }, owner.token);
    expect(refused.status).toBe(429);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'ACCOUNT.TOO_MANY_LOG_INS' });
  });

  it('forgets failures once the right password gets in', async () => {
    const owner = await signUp('127.0.0.1');
    for (let guess = 0; guess < 9; guess++) await logIn('127.0.0.3', owner.email, 'wrong');
    expect((await logIn('127.0.0.3', owner.email, password)).errors).toBeUndefined();
    for (let guess = 0; guess < 9; guess++) await logIn('127.0.0.3', owner.email, 'wrong');
    expect((await logIn('127.0.0.3', owner.email, password)).errors).toBeUndefined();
  });

  it('refuses an address after 100 failed logIns at any emails (a leaked list tried one by one)', async () => {
    for (let guess = 0; guess < 100; guess++) {
      const answer = await logIn('127.0.0.8', freshEmail(), 'leaked password');
      expect(answer.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    const refused = await logIn('127.0.0.8', freshEmail(), 'leaked password');
    expect(refused.status).toBe(429);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'ACCOUNT.TOO_MANY_LOG_INS' });
  });

  it('lets one address make 10 accounts an hour, then answers 429 RATE_LIMITED; another address still signs up', async () => {
    for (let account = 0; account < 10; account++) await signUp('127.0.0.4');
    const refused = await call('127.0.0.4', signUpMutation, { input: { name: 'Eleventh', email: freshEmail(), password } });
    expect(refused.status).toBe(429);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'ACCOUNT.TOO_MANY_SIGN_UPS' });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    await expect(signUp('127.0.0.5')).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('lets one address try 30 sign-up codes in 15 minutes, then answers 429 RATE_LIMITED; another address still confirms', async () => {
    const email = freshEmail();
    expect((await call('127.0.0.9', signUpMutation, { input: { name: 'Guessed', email, password } })).errors).toBeUndefined();
    for (let guess = 0; guess < 30; guess++) {
      const answer = await call('127.0.0.9', confirmMutation, { email: freshEmail(), code: '000000' });
      expect(answer.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ACCOUNT.BAD_CODE' });
    }
    const code = await readSignUpCode(harness.databaseUrl, email);
    const refused = await call('127.0.0.9', confirmMutation, { email, code });
    expect(refused.status).toBe(429);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'ACCOUNT.TOO_MANY_SIGN_UP_CODES' });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect((await call('127.0.0.10', confirmMutation, { email, code })).errors).toBeUndefined();
  });

  it('lets one athlete follow 200 times an hour, then refuses with RATE_LIMITED; other athletes still follow', async () => {
    const [follower, followee, other] = [await signUp('127.0.0.6'), await signUp('127.0.0.6'), await signUp('127.0.0.6')];
    for (let attempt = 0; attempt < 200; attempt++) {
      const answer = await call('127.0.0.6', followMutation, { id: followee.id }, follower.token);
      expect(answer.errors).toBeUndefined();
    }
    const refused = await call('127.0.0.7', followMutation, { id: followee.id }, follower.token);
    expect(refused.status).toBe(429);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'FOLLOW.TOO_MANY' });
    expect((await call('127.0.0.6', followMutation, { id: followee.id }, other.token)).errors).toBeUndefined();
  });
});
