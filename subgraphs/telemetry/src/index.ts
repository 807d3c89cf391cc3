export { telemetryConfigFromEnv } from './env.js';
export { startTelemetryServer, telemetryTypeDefs, type TelemetryConfig } from './server.js';
