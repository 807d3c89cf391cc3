import { issueAccessToken } from '@pacegraph/service-kit';
import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';

const signUpMutation = 'mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id name createdAt } } }';
const logInMutation = 'mutation ($input: LogInInput!) { logIn(input: $input) { token user { id name } } }';

describe('accounts through the gateway', () => {
  const harness = useStack();

  it('signs up, logs in, and answers me for the token holder', async () => {
    const signedUp = await graphql(harness.url, signUpMutation, {
      input: { name: '  Grete Waitz ', email: 'Grete@Example.com', password: 'marathon1978' },
    });
    expect(signedUp.errors).toBeUndefined();
    const { token, user } = signedUp.data!.signUp;
    expect(user.name).toBe('Grete Waitz');
    expect(Date.parse(user.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const me = await graphql(harness.url, '{ me { id name } }', {}, bearer(token));
    expect(me.data).toEqual({ me: { id: user.id, name: 'Grete Waitz' } });

    const loggedIn = await graphql(harness.url, logInMutation, { input: { email: 'grete@example.com', password: 'marathon1978' } });
    expect(loggedIn.data!.logIn.user).toEqual({ id: user.id, name: 'Grete Waitz' });
    const meAgain = await graphql(harness.url, '{ me { id } }', {}, bearer(loggedIn.data!.logIn.token));
    expect(meAgain.data).toEqual({ me: { id: user.id } });
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

  it('refuses an email already taken, whatever its case, with CONFLICT', async () => {
    const athlete = await signUpAthlete(harness.url);
    const again = await graphql(harness.url, signUpMutation, {
      input: { name: 'Someone Else', email: athlete.email.toUpperCase(), password: 'another password' },
    });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
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
