// `npm run start:cluster`: each service its own process, two instances of
// each subgraph behind the gateway (the production topology, on one machine).
import { join } from 'node:path';
import { closeOnSignal, createLogger } from '@pacegraph/service-kit';
import { startCluster } from './cluster.js';
import { stackEnv } from './env.js';
import { loadOrCreateSecrets } from './secrets.js';

const env = stackEnv();
const log = createLogger('cluster', env.LOG_LEVEL);
if (!env.REDIS_URL) log.warn('REDIS_URL is not set: live events will not cross processes');
const stored = env.JWT_SECRET && env.INTERNAL_SECRET ? undefined : await loadOrCreateSecrets(env.DATA_DIR);
const cluster = await startCluster({
  databaseUrl: env.DATABASE_URL,
  dataDirectory: join(env.DATA_DIR, 'postgres'),
  redisUrl: env.REDIS_URL,
  channelPrefix: env.CHANNEL_PREFIX,
  secrets: {
    jwtSecret: env.JWT_SECRET ?? stored!.jwtSecret,
    internalSecret: env.INTERNAL_SECRET ?? stored!.internalSecret,
  },
  host: env.HOST,
  ports: { gateway: env.PORT, social: env.SOCIAL_PORT, activity: env.ACTIVITY_PORT, telemetry: env.TELEMETRY_PORT },
  instances: env.INSTANCES,
  logLevel: env.LOG_LEVEL,
});
process.stdout.write(`\nPaceGraph cluster is running: ${cluster.gatewayUrl}\nPress Ctrl-C to stop.\n\n`);
closeOnSignal(cluster.close, log);
