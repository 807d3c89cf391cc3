export { gatewayConfigFromEnv } from './env.js';
export { startGateway, type GatewayConfig, type RunningGateway } from './server.js';
export { apiSchemaOf, composeSupergraph, readSupergraph, subgraphs, supergraphPath, type SubgraphName } from './supergraph.js';
