export { activityConfigFromEnv } from './env.js';
export { startActivityServer, activityTypeDefs, type ActivityConfig } from './server.js';
