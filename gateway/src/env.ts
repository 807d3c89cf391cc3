import { z } from 'zod';
import { commonEnv, observabilityFromEnv, portNumber, readEnv, secret, urlList } from '@pacegraph/service-kit';
import { isTileUrlTemplate, openStreetMapTiles } from './live-map.js';
import type { GatewayConfig } from './server.js';
import { subgraphs } from './supergraph.js';

/**
 * The gateway's configuration, from the environment alone. Subgraph instances
 * come as comma-separated lists: SOCIAL_URLS, ACTIVITY_URLS, TELEMETRY_URLS
 * (defaults: the local stack's ports). REDIS_URL and CHANNEL_PREFIX: the bus on
 * which social announces revoked access tokens. LIVE_MAP_TILE_URL and
 * LIVE_MAP_ATTRIBUTION: the live page's map tiles (default: OpenStreetMap's).
 */
export function gatewayConfigFromEnv(source: Record<string, string | undefined> = process.env): GatewayConfig {
  const defaultUrl = (name: string) => subgraphs.find((subgraph) => subgraph.name === name)!.url;
  const env = readEnv(
    {
      ...commonEnv,
      PORT: portNumber(4000),
      JWT_SECRET: secret,
      INTERNAL_SECRET: secret,
      SOCIAL_URLS: urlList.default([defaultUrl('social')]),
      ACTIVITY_URLS: urlList.default([defaultUrl('activity')]),
      TELEMETRY_URLS: urlList.default([defaultUrl('telemetry')]),
      REDIS_URL: z.string().min(1).optional(),
      CHANNEL_PREFIX: z.string().min(1).optional(),
      LIVE_MAP_TILE_URL: z
        .string()
        .refine(isTileUrlTemplate, 'an http(s) URL template with {z}, {x} and {y}')
        .default(openStreetMapTiles.tileUrl),
      LIVE_MAP_ATTRIBUTION: z.string().min(1).default(openStreetMapTiles.attribution),
    },
    source,
  );
  return {
    host: env.HOST,
    port: env.PORT,
    jwtSecret: env.JWT_SECRET,
    internalSecret: env.INTERNAL_SECRET,
    subgraphUrls: { social: env.SOCIAL_URLS, activity: env.ACTIVITY_URLS, telemetry: env.TELEMETRY_URLS },
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    redisUrl: env.REDIS_URL,
    channelPrefix: env.CHANNEL_PREFIX,
    observability: observabilityFromEnv(env),
    liveMap: { tileUrl: env.LIVE_MAP_TILE_URL, attribution: env.LIVE_MAP_ATTRIBUTION },
  };
}
