import { z } from 'zod';
import { traceSamplers, type TracingConfig } from './tracing.js';

/** How a service reports on itself: traces (off unless configured) and who may read `/metrics`. */
export interface ObservabilityConfig {
  /** Where spans go; tracing is off when absent. */
  tracing?: TracingConfig;
  /** When set, `/metrics` asks for `Authorization: Bearer <token>`; without it, production serves no `/metrics`. */
  metricsToken?: string;
}

/**
 * The standard OpenTelemetry variables PaceGraph reads (a subset: OTLP over
 * HTTP with JSON encoding), and METRICS_TOKEN. Part of every service's env.
 */
export const observabilityEnv = {
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none'], { message: 'PaceGraph exports traces with otlp, or none' }).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.literal('http/json', { message: 'PaceGraph sends OTLP as http/json' }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.literal('http/json', { message: 'PaceGraph sends OTLP as http/json' }).optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: z.string().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_RESOURCE_ATTRIBUTES: z.string().optional(),
  OTEL_TRACES_SAMPLER: z.enum(traceSamplers).optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(0).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
};

type ObservabilityEnv = z.infer<z.ZodObject<typeof observabilityEnv>>;

/** `key=value,key=value` (values URL-encoded), as OTEL_EXPORTER_OTLP_HEADERS and OTEL_RESOURCE_ATTRIBUTES are written. */
function keyValues(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const pairs = text
    .split(',')
    .map((pair) => pair.split('='))
    .filter((parts): parts is [string, string, ...string[]] => parts.length >= 2 && parts[0]!.trim() !== '')
    .map(([key, ...value]): [string, string] => [key.trim(), decodeURIComponent(value.join('=').trim())]);
  return Object.fromEntries(pairs);
}

/**
 * Tracing is on when OTEL_TRACES_EXPORTER=otlp, or when it is unset and an
 * OTLP endpoint is; OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true turn
 * it off. Spans go to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, else to
 * OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces` (default http://localhost:4318).
 */
export function observabilityFromEnv(env: ObservabilityEnv): ObservabilityConfig {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const on =
    env.OTEL_SDK_DISABLED !== 'true' &&
    (env.OTEL_TRACES_EXPORTER === 'otlp' ||
      (env.OTEL_TRACES_EXPORTER === undefined && (base !== undefined || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined)));
  const tracing: TracingConfig | undefined = on
    ? {
        tracesUrl: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${(base ?? 'http://localhost:4318').replace(/\/+$/, '')}/v1/traces`,
        ...(env.OTEL_SERVICE_NAME ? { serviceName: env.OTEL_SERVICE_NAME } : {}),
        headers: { ...keyValues(env.OTEL_EXPORTER_OTLP_HEADERS), ...keyValues(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS) },
        ...(env.OTEL_TRACES_SAMPLER ? { sampler: env.OTEL_TRACES_SAMPLER } : {}),
        ...(env.OTEL_TRACES_SAMPLER_ARG !== undefined ? { samplerRatio: env.OTEL_TRACES_SAMPLER_ARG } : {}),
        ...(env.OTEL_RESOURCE_ATTRIBUTES ? { resourceAttributes: keyValues(env.OTEL_RESOURCE_ATTRIBUTES) } : {}),
        ...(env.OTEL_BSP_SCHEDULE_DELAY !== undefined ? { exportDelayMs: env.OTEL_BSP_SCHEDULE_DELAY } : {}),
      }
    : undefined;
  return { ...(tracing ? { tracing } : {}), ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}) };
}
