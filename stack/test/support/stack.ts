import { randomBytes } from 'node:crypto';
import { provisionTestDatabase } from '@pacegraph/db/testing';
import { startStack, type RunningStack, type StackOptions } from '../../src/stack.js';
import type { StackSecrets } from '../../src/secrets.js';

export interface StackUnderTest {
  stack: RunningStack;
  secrets: StackSecrets;
  /** The stack's own database, for tests that check what was stored. */
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * Boots the whole supergraph for one test file on a database of its own:
 * embedded by default, a schema on the real server when DATABASE_URL is set,
 * and real Redis when REDIS_URL is set (CI sets both).
 */
export async function bootStack(options: Pick<StackOptions, 'production' | 'onQuery'> = {}): Promise<StackUnderTest> {
  const database = await provisionTestDatabase();
  const secrets = { jwtSecret: randomBytes(32).toString('hex'), internalSecret: randomBytes(32).toString('hex') };
  const stack = await startStack({
    databaseUrl: database.url,
    redisUrl: process.env.REDIS_URL || undefined,
    channelPrefix: `test-${randomBytes(4).toString('hex')}`,
    secrets,
    production: options.production ?? false,
    onQuery: options.onQuery,
    logLevel: 'silent',
  });
  return {
    stack,
    secrets,
    databaseUrl: database.url,
    close: async () => {
      await stack.close();
      await database.drop();
    },
  };
}

/**
 * Boots a stack before the enclosing describe's tests and closes it after.
 * The returned object is filled in once beforeAll has run.
 */
export function useStack(options: Pick<StackOptions, 'production' | 'onQuery'> = {}): StackUnderTest & { url: string } {
  const harness = {} as StackUnderTest & { url: string };
  beforeAll(async () => {
    Object.assign(harness, await bootStack(options));
    harness.url = harness.stack.gatewayUrl;
  });
  afterAll(() => harness.close?.());
  return harness;
}

export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

/** One GraphQL request over real HTTP. */
export async function graphql<Data = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let accounts = 0;
/** Signs up a fresh athlete through the gateway; returns the token and user. */
export async function signUpAthlete(gatewayUrl: string, name = 'Athlete') {
  const email = `athlete-${Date.now()}-${accounts++}@example.com`;
  const result = await graphql<{ signUp: { token: string; user: { id: string; name: string } } }>(
    gatewayUrl,
    'mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id name } } }',
    { input: { name, email, password: 'correct horse battery' } },
  );
  if (!result.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(result.errors)}`);
  return { ...result.data.signUp, email, password: 'correct horse battery' };
}
