import { closeOnSignal, createLogger } from '@pacegraph/service-kit';
import { startSubgraph } from '@pacegraph/subgraph-host';
import { activityConfigFromEnv } from './env.js';
import { activitySubgraph } from './server.js';

const config = activityConfigFromEnv();
const server = await startSubgraph(activitySubgraph, config);
closeOnSignal(server.close, createLogger('activity', config.logLevel));
