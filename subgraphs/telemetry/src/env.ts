import { readSubgraphConfig, type SubgraphConfig } from '@pacegraph/service-kit';

/** The telemetry subgraph's configuration, from the environment alone. */
export function telemetryConfigFromEnv(source: Record<string, string | undefined> = process.env): SubgraphConfig {
  return readSubgraphConfig(4003, {}, source).config;
}
