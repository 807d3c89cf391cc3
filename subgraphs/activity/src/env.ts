import { readSubgraphConfig, type SubgraphConfig } from '@pacegraph/service-kit';

/** The activity subgraph's configuration, from the environment alone. */
export function activityConfigFromEnv(source: Record<string, string | undefined> = process.env): SubgraphConfig {
  return readSubgraphConfig(4002, {}, source).config;
}
