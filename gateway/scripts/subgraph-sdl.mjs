// Prints a subgraph's SDL for `rover supergraph compose` or Apollo Studio:
//   npm run subgraph:sdl -- social                                   (its schema.graphql)
//   npm run subgraph:sdl -- social --url http://127.0.0.1:4001/graphql  (a signed _service fetch)
// See docs/tooling.md.
import { subgraphSdlCommand, SubgraphSdlUsageError } from '../dist/subgraph-sdl.js';

try {
  process.stdout.write(await subgraphSdlCommand(process.argv.slice(2), process.env, process.env.INIT_CWD ?? process.cwd()));
} catch (error) {
  console.error(error instanceof SubgraphSdlUsageError ? error.message : `subgraph:sdl: ${error.message}`);
  process.exitCode = 1;
}
