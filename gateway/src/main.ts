import { closeOnSignal, createLogger } from '@pacegraph/service-kit';
import { gatewayConfigFromEnv } from './env.js';
import { startGateway } from './server.js';

const config = gatewayConfigFromEnv();
const server = await startGateway(config);
closeOnSignal(server.close, createLogger('gateway', config.logLevel));
