import { closeOnSignal, createLogger } from '@pacegraph/service-kit';
import { activityConfigFromEnv } from './env.js';
import { startActivityServer } from './server.js';

const config = activityConfigFromEnv();
const server = await startActivityServer(config);
closeOnSignal(server.close, createLogger('activity', config.logLevel));
