import { closeOnSignal, createLogger } from '@pacegraph/service-kit';
import { startSubgraph } from '@pacegraph/subgraph-host';
import { telemetryConfigFromEnv } from './env.js';
import { telemetrySubgraph } from './server.js';

const config = telemetryConfigFromEnv();
const server = await startSubgraph(telemetrySubgraph, config);
closeOnSignal(server.close, createLogger('telemetry', config.logLevel));
