import { bootTestStack, type StackUnderTest } from '../../src/testing.js';
import type { StackOptions } from '../../src/stack.js';

/**
 * Boots a stack before the enclosing describe's tests and closes it after.
 * The returned object is filled in once beforeAll has run.
 */
export function useStack(options: Pick<StackOptions, 'production' | 'onQuery' | 'accountLimits'> = {}): StackUnderTest & { url: string } {
  const harness = {} as StackUnderTest & { url: string };
  beforeAll(async () => {
    Object.assign(harness, await bootTestStack(options));
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
