import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeSupergraph, readSupergraph } from '../src/supergraph.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('the committed supergraph', () => {
  it('is what the subgraphs compose to now (run `npm run compose` when this fails)', async () => {
    expect(await readSupergraph()).toBe(await composeSupergraph());
  });

  it('goes stale when a subgraph schema changes', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'pacegraph-compose-'));
    try {
      await cp(join(repositoryRoot, 'subgraphs'), join(scratch, 'subgraphs'), {
        recursive: true,
        filter: (source) => !source.includes('node_modules') && !source.includes('dist'),
      });
      const schema = join(scratch, 'subgraphs/social/schema.graphql');
      await writeFile(schema, (await readFile(schema, 'utf8')).replace('name: String!', 'name: String!\n  bio: String'));
      const changed = await composeSupergraph(scratch);
      expect(changed).not.toBe(await readSupergraph());
      expect(changed).toContain('bio: String');
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('fails to compose when the subgraphs disagree', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'pacegraph-compose-'));
    try {
      await cp(join(repositoryRoot, 'subgraphs'), join(scratch, 'subgraphs'), {
        recursive: true,
        filter: (source) => !source.includes('node_modules') && !source.includes('dist'),
      });
      const schema = join(scratch, 'subgraphs/telemetry/schema.graphql');
      await writeFile(schema, (await readFile(schema, 'utf8')).replace('id: ID!', 'id: Int!'));
      await expect(composeSupergraph(scratch)).rejects.toThrow(/composition failed/);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
