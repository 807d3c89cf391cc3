export { activityConfigFromEnv } from './env.js';
export { activitySubgraph } from './server.js';
