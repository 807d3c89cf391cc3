import { readSignUpCode } from '../../src/outbox.js';
import { bootTestStack, databaseUrlOfGateway, type StackUnderTest } from '../../src/testing.js';
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

const confirmSignUpMutation =
  'mutation ($email: String!, $code: String!) { confirmSignUp(email: $email, code: $code) { token user { id name } } }';

let accounts = 0;
/**
 * Signs up a fresh athlete through the gateway, both steps: signUp, then
 * confirmSignUp with the code read from the outbox of the deployment's
 * database (`codeFor` reads it elsewhere, e.g. from `npm start`'s log).
 * Returns the token and user.
 */
export async function signUpAthlete(
  gatewayUrl: string,
  name = 'Athlete',
  codeFor: (email: string) => Promise<string> = (email) => readSignUpCode(databaseOf(gatewayUrl), email),
) {
  const email = `athlete-${Date.now()}-${accounts++}@example.com`;
  const password = 'correct horse battery';
  const started = await graphql(gatewayUrl, 'mutation ($input: SignUpInput!) { signUp(input: $input) { email } }', {
    input: { name, email, password },
  });
  if (!started.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(started.errors)}`);
  const result = await graphql<{ confirmSignUp: { token: string; user: { id: string; name: string } } }>(
    gatewayUrl,
    confirmSignUpMutation,
    { email, code: await codeFor(email) },
  );
  if (!result.data?.confirmSignUp) throw new Error(`confirmSignUp failed: ${JSON.stringify(result.errors)}`);
  return { ...result.data.confirmSignUp, email, password };
}

function databaseOf(gatewayUrl: string): string {
  const databaseUrl = databaseUrlOfGateway(gatewayUrl);
  if (!databaseUrl) throw new Error(`no test deployment of this process serves ${gatewayUrl}: pass signUpAthlete a codeFor`);
  return databaseUrl;
}
