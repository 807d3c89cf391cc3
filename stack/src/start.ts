// `npm start`: the whole stack in one process, on the embedded PostgreSQL and
// the in-process bus unless DATABASE_URL / REDIS_URL say otherwise.
import { join } from 'node:path';
import { closeOnSignal, createLogger } from '@pacegraph/service-kit';
import { stackEnv } from './env.js';
import { loadOrCreateSecrets } from './secrets.js';
import { startStack } from './stack.js';

const env = stackEnv();
const log = createLogger('stack', env.LOG_LEVEL);
const stored = env.JWT_SECRET && env.INTERNAL_SECRET ? undefined : await loadOrCreateSecrets(env.DATA_DIR);
const stack = await startStack({
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
  production: env.NODE_ENV === 'production',
  logLevel: env.LOG_LEVEL,
});
log.info(
  { database: env.DATABASE_URL ? 'postgresql' : 'embedded', bus: env.REDIS_URL ? 'redis' : 'in-process' },
  'stack ready',
);
process.stdout.write(`\nPaceGraph is running: ${stack.gatewayUrl}\nPress Ctrl-C to stop.\n\n`);
closeOnSignal(stack.close, log);
