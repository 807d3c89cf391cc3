import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { subgraphSdlCommand, SubgraphSdlUsageError } from '@pacegraph/gateway';
import { fullIntrospectionQuery } from '@pacegraph/gateway/testing';
import { getIntrospectionQuery, Kind, parse } from 'graphql';
import { hasChromium, launchChromium } from './support/chromium.js';
import { graphql, signUpAthlete, useStack } from './support/stack.js';

const studioOrigin = 'https://studio.apollographql.com';
/** The headers Apollo Sandbox sends with each request. */
const sandboxHeaders = { 'apollographql-client-name': 'Apollo Sandbox', 'apollographql-client-version': '2.7.2' };
/** The headers Sandbox's page asks its preflight to allow: its own, and a token. */
const sandboxRequestHeaders = 'apollographql-client-name,apollographql-client-version,authorization,content-type';
/** A request to `url` from Apollo Sandbox's page, at its origin. */
const fromSandbox = (url: string, method: 'OPTIONS' | 'POST', headers: Record<string, string>, body?: string) =>
  fetch(url, { method, headers: { origin: studioOrigin, ...headers }, body });
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const codegenBin = join(repositoryRoot, 'node_modules/.bin/graphql-codegen');
const run = promisify(execFile);
const itWithChromium = hasChromium ? it : it.skip;

describe('ecosystem tools against the gateway in development', () => {
  const harness = useStack();

  it("answers graphql-js's full introspection query with the schema", async () => {
    const answer = await graphql<{ __schema: { types: { name: string }[] } }>(harness.url, fullIntrospectionQuery);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.__schema.types.map((type) => type.name)).toEqual(expect.arrayContaining(['Activity', 'User']));
  });

  it("answers __Type.isOneOf, which newer introspection queries ask and Apollo's query planner does not know", async () => {
    const answer = await graphql<{ __type: { isOneOf: boolean } }>(harness.url, '{ __type(name: "SignUpInput") { name isOneOf } }');
    expect(answer).toMatchObject({ status: 200, data: { __type: { name: 'SignUpInput', isOneOf: false } } });
    const full = await graphql<{ __schema: { types: { name: string }[] } }>(harness.url, getIntrospectionQuery({ oneOf: true }));
    expect(full.errors).toBeUndefined();
    expect(full.data!.__schema.types.map((type) => type.name)).toContain('Activity');
  });

  it("generates types with graphql-codegen from the gateway's URL, as its command line runs", async () => {
    const directory = await mkdtemp(join(tmpdir(), 'pacegraph-codegen-'));
    try {
      const config = join(directory, 'codegen.yml');
      const output = join(directory, 'pacegraph.ts');
      await writeFile(config, `schema: ${harness.url}\ngenerates:\n  ${output}:\n    plugins: [typescript]\n`);
      await run(codegenBin, ['--config', config, '--silent'], { cwd: repositoryRoot });
      const types = await readFile(output, 'utf8');
      expect(types).toMatch(/^export type Activity = \{/m);
      expect(types).toMatch(/^export type User = \{/m);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("serves a browser at the gateway's URL Apollo Server's landing page, which embeds Sandbox", async () => {
    const response = await fetch(harness.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('https://embeddable-sandbox.cdn.apollographql.com/');
  });

  it("answers Apollo Sandbox's CORS preflight from studio.apollographql.com", async () => {
    const response = await fromSandbox(harness.url, 'OPTIONS', {
      'access-control-request-method': 'POST',
      'access-control-request-headers': sandboxRequestHeaders,
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toMatch(/\bPOST\b/);
    expect(response.headers.get('access-control-allow-headers')).toBe(sandboxRequestHeaders);
  });

  it("answers Sandbox's introspection request, from its origin and with its headers, readable by the page", async () => {
    const response = await fromSandbox(
      harness.url,
      'POST',
      { 'content-type': 'application/json', ...sandboxHeaders },
      JSON.stringify({ query: fullIntrospectionQuery, operationName: 'IntrospectionQuery' }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    const body = (await response.json()) as { data?: { __schema: { queryType: { name: string } } } };
    expect(body.data?.__schema.queryType.name).toBe('Query');
  });

  // Sandbox itself loads from Apollo's site, out of this machine's reach: a page served at Sandbox's origin
  // (by Playwright) stands in for it, so Chromium holds the gateway to its own CORS rules.
  itWithChromium("answers, in Chromium, a page at Sandbox's origin introspecting with Sandbox's headers and a token", async () => {
    const browser = await launchChromium();
    try {
      // Chromium asks before a public site reaches a loopback address (Local Network Access); the developer allows it.
      const context = await browser.newContext();
      await context.grantPermissions(['local-network-access'], { origin: studioOrigin });
      const page = await context.newPage();
      await page.route(`${studioOrigin}/**`, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Sandbox</title>' }),
      );
      await page.goto(`${studioOrigin}/sandbox/explorer`);
      const introspect = (headers: Record<string, string>) =>
        page.evaluate(
          async ({ url, query, headers }) => {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...headers },
              body: JSON.stringify({ query, operationName: 'IntrospectionQuery' }),
            });
            const body = (await response.json()) as { data?: { __schema: { types: { name: string }[] } } };
            return { status: response.status, typeNames: body.data?.__schema.types.map((type) => type.name) };
          },
          { url: harness.url, query: fullIntrospectionQuery, headers },
        );
      const anonymous = await introspect(sandboxHeaders);
      expect(anonymous).toEqual({ status: 200, typeNames: expect.arrayContaining(['Activity', 'User']) });
      // With the developer's token in Sandbox's headers (a preflight for authorization too).
      const { token } = await signUpAthlete(harness.url, 'Sandbox User');
      const signedIn = await introspect({ ...sandboxHeaders, authorization: `Bearer ${token}` });
      expect(signedIn).toEqual({ status: 200, typeNames: expect.arrayContaining(['Activity', 'User']) });
    } finally {
      await browser.close();
    }
  });

  describe('npm run subgraph:sdl', () => {
    const typeNames = (sdl: string) =>
      parse(sdl)
        .definitions.filter((definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION)
        .map((definition) => definition.name.value)
        .filter((name) => !name.startsWith('_'))
        .sort();
    const schemaFile = () => readFile(join(repositoryRoot, 'subgraphs/social/schema.graphql'), 'utf8');

    it("prints a running subgraph's SDL by a _service request signed with INTERNAL_SECRET: the types of its schema.graphql", async () => {
      const sdl = await subgraphSdlCommand(['social', '--url', harness.stack.subgraphs.social.url], {
        INTERNAL_SECRET: harness.secrets.internalSecret,
      });
      expect(sdl).toMatch(/^type User\s+@key\(fields: "id"\)/m);
      expect(typeNames(sdl)).toEqual(typeNames(await schemaFile()));
    });

    it('signs with the secret `npm start` keeps in DATA_DIR when INTERNAL_SECRET is not set', async () => {
      const dataDirectory = await mkdtemp(join(tmpdir(), 'pacegraph-data-'));
      try {
        await writeFile(join(dataDirectory, 'secrets.json'), JSON.stringify({ internalSecret: harness.secrets.internalSecret }));
        const sdl = await subgraphSdlCommand(['activity', '--url', harness.stack.subgraphs.activity.url], { DATA_DIR: dataDirectory });
        expect(sdl).toMatch(/^type Activity\s+@key\(fields: "id"\)/m);
      } finally {
        await rm(dataDirectory, { recursive: true, force: true });
      }
    });

    it('prints the committed schema.graphql without --url', async () => {
      expect(await subgraphSdlCommand(['social'], {})).toBe(await schemaFile());
    });

    it('says plainly when the secret is not the one the subgraph holds', async () => {
      await expect(
        subgraphSdlCommand(['social', '--url', harness.stack.subgraphs.social.url], { INTERNAL_SECRET: 'x'.repeat(32) }),
      ).rejects.toThrow(/401.*INTERNAL_SECRET/);
    });

    it('answers a name that is no subgraph, or a missing secret, with its usage', async () => {
      await expect(subgraphSdlCommand(['gateway'], {})).rejects.toThrow(SubgraphSdlUsageError);
      await expect(subgraphSdlCommand(['social', '--port', '1'], {})).rejects.toThrow(/usage: npm run subgraph:sdl/);
      await expect(
        subgraphSdlCommand(['social', '--url', harness.stack.subgraphs.social.url], { DATA_DIR: '/nonexistent' }),
      ).rejects.toThrow(/INTERNAL_SECRET is not set/);
    });
  });
});

describe('ecosystem tools against the gateway in production', () => {
  const harness = useStack({ production: true });

  it('refuses introspection', async () => {
    const answer = await graphql(harness.url, fullIntrospectionQuery);
    expect(answer.status).toBe(400);
    expect(answer.data).toBeUndefined();
    expect(answer.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.errors![0]!.message).toMatch(/introspection/i);
  });
});
