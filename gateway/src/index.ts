export { gatewayConfigFromEnv } from './env.js';
export { startGateway, type GatewayConfig, type RunningGateway } from './server.js';
export { apiSchemaOf, composeSupergraph, readSupergraph, subgraphs, supergraphPath, type SubgraphName } from './supergraph.js';
export { fetchSubgraphSdl, isSubgraphName, readSubgraphSchemaFile, subgraphSdlCommand, SubgraphSdlUsageError } from './subgraph-sdl.js';
