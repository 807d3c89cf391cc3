// Writes gateway/supergraph.graphql from the subgraphs' schemas. The gateway
// serves that committed file, never introspection; a test fails when it is stale.
import { writeFile } from 'node:fs/promises';
import { composeSupergraph, supergraphPath } from '../dist/supergraph.js';

await writeFile(supergraphPath, await composeSupergraph());
console.log(`wrote ${supergraphPath}`);
