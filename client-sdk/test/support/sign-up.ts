import { randomBytes } from 'node:crypto';
import { readSignUpCode } from '@pacegraph/stack';
import type { PaceGraphClient } from '../../src/index.js';

/**
 * Signs a fresh athlete up through `client`, both steps as an app does:
 * signUp, then confirmSignUp with the code, read here from the test
 * deployment's outbox (`databaseUrl`) instead of a mailbox. Returns the
 * athlete, their token and session; the client is signed in with the session.
 */
export async function signUpThrough(client: PaceGraphClient, databaseUrl: string, name: string) {
  const email = `${name.toLowerCase().replace(/\W/g, '-')}-${randomBytes(4).toString('hex')}@example.com`;
  const started = await client.signUp({ input: { name, email, password: 'correct horse battery' } });
  if (started.error) throw new Error(`signUp: ${started.error.code} ${started.error.message}`);
  const confirmed = await client.confirmSignUp({ email, code: await readSignUpCode(databaseUrl, email) });
  if (confirmed.error) throw new Error(`confirmSignUp: ${confirmed.error.code} ${confirmed.error.message}`);
  const { user, token, refreshToken, expiresAt } = confirmed.data.confirmSignUp;
  return { id: user.id, email, token, session: { token, refreshToken, expiresAt } };
}
