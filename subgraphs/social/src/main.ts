import { closeOnSignal, createLogger } from '@pacegraph/service-kit';
import { socialConfigFromEnv } from './env.js';
import { startSocialServer } from './server.js';

const config = socialConfigFromEnv();
const server = await startSocialServer(config);
closeOnSignal(server.close, createLogger('social', config.logLevel));
