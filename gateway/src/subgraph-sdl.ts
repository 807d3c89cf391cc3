import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { IDENTITY_HEADER, signIdentity } from '@pacegraph/service-kit';
import { subgraphs, type SubgraphName } from './supergraph.js';

/** The query rover, Apollo Studio and the gateway's composition ask a Federation subgraph for its SDL. */
const serviceQuery = '{ _service { sdl } }';

/** Whether `name` is one of PaceGraph's subgraphs. */
export function isSubgraphName(name: string): name is SubgraphName {
  return subgraphs.some((subgraph) => subgraph.name === name);
}

/** A subgraph's committed `schema.graphql` (in `repositoryRoot`): what the supergraph is composed from. */
export function readSubgraphSchemaFile(
  name: SubgraphName,
  repositoryRoot = fileURLToPath(new URL('../../', import.meta.url)),
): Promise<string> {
  return readFile(`${repositoryRoot}/subgraphs/${name}/schema.graphql`, 'utf8');
}

/**
 * A running subgraph's SDL, fetched as the gateway would: `_service { sdl }`
 * with the anonymous identity signed for that subgraph and that exact body.
 * Subgraphs answer nothing unsigned, so `rover subgraph introspect` (which
 * cannot sign) gets 401; this is its stand-in.
 */
export async function fetchSubgraphSdl(options: { name: SubgraphName; url: string; internalSecret: string }): Promise<string> {
  const body = JSON.stringify({ query: serviceQuery });
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: signIdentity(options.internalSecret, { viewerId: null }, options.name, body),
    },
    body,
  });
  if (response.status === 401) {
    throw new Error(`${options.url} answered 401: it holds another INTERNAL_SECRET, or is not the ${options.name} subgraph`);
  }
  const answer = (await response.json().catch(() => ({}))) as { data?: { _service?: { sdl?: string } }; errors?: unknown };
  const sdl = answer.data?._service?.sdl;
  if (!response.ok || typeof sdl !== 'string') {
    throw new Error(`${options.url} answered ${response.status} without an SDL: ${JSON.stringify(answer.errors ?? answer)}`);
  }
  return sdl;
}

const usage = `usage: npm run subgraph:sdl -- <${subgraphs.map(({ name }) => name).join('|')}> [--url <subgraph URL>]
  without --url: the subgraph's committed schema.graphql
  with --url:    a running instance's _service SDL, signed with INTERNAL_SECRET
                 (or, when unset, the one \`npm start\` keeps in $DATA_DIR/secrets.json, DATA_DIR default .data)`;

/** A mistake in how `npm run subgraph:sdl` was called; its message is the usage. */
export class SubgraphSdlUsageError extends Error {}

/**
 * `npm run subgraph:sdl -- <name> [--url <url>]`: a subgraph's SDL for
 * `rover supergraph compose` or Apollo Studio. `env` supplies INTERNAL_SECRET
 * and DATA_DIR; `cwd` is where a relative DATA_DIR is found.
 */
export async function subgraphSdlCommand(args: string[], env: Record<string, string | undefined>, cwd = process.cwd()): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { url: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    throw new SubgraphSdlUsageError(`${(error as Error).message}\n${usage}`);
  }
  const [name, ...rest] = parsed.positionals;
  if (!name || rest.length > 0 || !isSubgraphName(name)) throw new SubgraphSdlUsageError(usage);
  const url = parsed.values.url;
  if (!url) return readSubgraphSchemaFile(name);
  const internalSecret = env.INTERNAL_SECRET ?? (await storedInternalSecret(resolve(cwd, env.DATA_DIR ?? '.data')));
  return fetchSubgraphSdl({ name, url, internalSecret });
}

/** The secret `npm start` generated and keeps in `<dataDirectory>/secrets.json`. */
async function storedInternalSecret(dataDirectory: string): Promise<string> {
  const file = `${dataDirectory}/secrets.json`;
  try {
    const { internalSecret } = JSON.parse(await readFile(file, 'utf8')) as { internalSecret?: unknown };
    if (typeof internalSecret === 'string') return internalSecret;
  } catch {
    // Missing or unreadable: said below.
  }
  throw new SubgraphSdlUsageError(`INTERNAL_SECRET is not set and ${file} holds none: set it to the subgraphs' secret`);
}
