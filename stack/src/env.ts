import { resolve } from 'node:path';
import { commonEnv, portNumber, readEnv, secret } from '@pacegraph/service-kit';
import { z } from 'zod';

/**
 * How `npm start` and `npm run start:cluster` are configured. Everything is
 * optional: with nothing set, the stack runs on an embedded PostgreSQL in
 * ./.data and an in-process event bus.
 */
export function stackEnv(source: Record<string, string | undefined> = process.env) {
  const env = readEnv(
    {
      ...commonEnv,
      DATABASE_URL: z.string().min(1).optional(),
      REDIS_URL: z.string().min(1).optional(),
      CHANNEL_PREFIX: z.string().min(1).optional(),
      DATA_DIR: z.string().min(1).default('.data'),
      JWT_SECRET: secret.optional(),
      INTERNAL_SECRET: secret.optional(),
      PORT: portNumber(4000),
      SOCIAL_PORT: portNumber(4001),
      ACTIVITY_PORT: portNumber(4002),
      TELEMETRY_PORT: portNumber(4003),
      /** Processes per subgraph in `npm run start:cluster`. */
      INSTANCES: z.coerce.number().int().min(1).max(16).default(2),
    },
    source,
  );
  return { ...env, DATA_DIR: resolve(env.DATA_DIR) };
}
export type StackEnv = ReturnType<typeof stackEnv>;
