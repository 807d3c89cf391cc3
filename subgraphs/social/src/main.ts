import { closeOnSignal, createLogger } from '@pacegraph/service-kit';
import { startSubgraph } from '@pacegraph/subgraph-host';
import { socialConfigFromEnv } from './env.js';
import { socialSubgraph } from './server.js';

const config = socialConfigFromEnv();
const server = await startSubgraph(socialSubgraph, config);
closeOnSignal(server.close, createLogger('social', config.logLevel));
