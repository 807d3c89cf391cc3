import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeSupergraph, readSupergraph } from '../src/supergraph.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Composes a copy of the subgraphs in which `edit` changed one schema. */
async function composeEdited(subgraph: string, edit: (schema: string) => string): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'pacegraph-compose-'));
  try {
    await cp(join(repositoryRoot, 'subgraphs'), join(scratch, 'subgraphs'), {
      recursive: true,
      filter: (source) => !source.includes('node_modules') && !source.includes('dist'),
    });
    const schema = join(scratch, 'subgraphs', subgraph, 'schema.graphql');
    await writeFile(schema, edit(await readFile(schema, 'utf8')));
    return await composeSupergraph(scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

describe('the committed supergraph', () => {
  it('is what the subgraphs compose to now (run `npm run compose` when this fails)', async () => {
    expect(await readSupergraph()).toBe(await composeSupergraph());
  });

  it('goes stale when a subgraph schema changes', async () => {
    const changed = await composeEdited('social', (schema) => schema.replace('name: String!', 'name: String!\n  motto: String'));
    expect(changed).not.toBe(await readSupergraph());
    expect(changed).toContain('motto: String');
  });

  it('fails to compose when the subgraphs disagree', async () => {
    await expect(composeEdited('telemetry', (schema) => schema.replace('id: ID!', 'id: Int!'))).rejects.toThrow(/composition failed/);
  });
});
