import { closeOnSignal, createLogger } from '@pacegraph/service-kit';
import { telemetryConfigFromEnv } from './env.js';
import { startTelemetryServer } from './server.js';

const config = telemetryConfigFromEnv();
const server = await startTelemetryServer(config);
closeOnSignal(server.close, createLogger('telemetry', config.logLevel));
