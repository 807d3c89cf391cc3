import { readSubgraphConfig, secret } from '@pacegraph/service-kit';
import type { SocialConfig } from './server.js';

/** The social subgraph's configuration, from the environment alone. */
export function socialConfigFromEnv(source: Record<string, string | undefined> = process.env): SocialConfig {
  const { config, env } = readSubgraphConfig(4001, { JWT_SECRET: secret }, source);
  return { ...config, jwtSecret: env.JWT_SECRET };
}
