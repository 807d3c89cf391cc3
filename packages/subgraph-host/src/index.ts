export {
  loadTypeDefs,
  type BackgroundWorker,
  type SubgraphDefinition,
  type SubgraphDependencies,
  type SubgraphServices,
} from './definition.js';
export { startSubgraph } from './start-subgraph.js';
export { visibleActivity, visibleActivityReference, type ActivityAccess, type AudienceRow } from './activity-access.js';
export { athleteRelationLoader, audienceLoader, rowsByIdLoader } from './loaders.js';
