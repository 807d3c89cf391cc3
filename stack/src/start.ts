// `npm start`: the whole stack in one process, on the embedded PostgreSQL and
// the in-process bus unless DATABASE_URL / REDIS_URL say otherwise.
import { closeOnSignal, createLogger } from '@pacegraph/service-kit';
import { deploymentFromEnv } from './deployment.js';
import { stackEnv } from './env.js';
import { startStack } from './stack.js';

const env = stackEnv();
const log = createLogger('stack', env.LOG_LEVEL);
const stack = await startStack({ ...(await deploymentFromEnv(env)), production: env.NODE_ENV === 'production' });
log.info({ database: env.DATABASE_URL ? 'postgresql' : 'embedded', bus: env.REDIS_URL ? 'redis' : 'in-process' }, 'stack ready');
process.stdout.write(`\nPaceGraph is running: ${stack.gatewayUrl}\nPress Ctrl-C to stop.\n\n`);
closeOnSignal(stack.close, log);
