// `npm run start:cluster`: each service its own process, two instances of
// each subgraph behind the gateway (the production topology, on one machine).
import { closeOnSignal, createLogger } from '@pacegraph/service-kit';
import { startCluster } from './cluster.js';
import { deploymentFromEnv } from './deployment.js';
import { stackEnv } from './env.js';

const env = stackEnv();
const log = createLogger('cluster', env.LOG_LEVEL);
if (!env.REDIS_URL) log.warn('REDIS_URL is not set: live events will not cross processes');
const cluster = await startCluster({ ...(await deploymentFromEnv(env)), instances: env.INSTANCES });
process.stdout.write(`\nPaceGraph cluster is running: ${cluster.gatewayUrl}\nPress Ctrl-C to stop.\n\n`);
closeOnSignal(cluster.close, log);
