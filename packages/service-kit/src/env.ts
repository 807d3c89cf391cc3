import { z } from 'zod';
import { observabilityEnv } from './observability-env.js';

/**
 * Reads a deployable's configuration from environment variables, validated by
 * its zod schema. Every problem is reported at once, so a misconfigured
 * service fails at start-up with one clear message rather than later.
 */
export function readEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  source: Record<string, string | undefined>,
): z.infer<z.ZodObject<Shape>> {
  const parsed = z.object(shape).safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** Env fields every PaceGraph service shares. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  /** OTEL_* (tracing, off by default) and METRICS_TOKEN: see docs/observability.md. */
  ...observabilityEnv,
};

/** A TCP port; 0 picks a free one. */
export const portNumber = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/** A comma-separated list of URLs, e.g. two instances of one subgraph. */
export const urlList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url()).min(1));

/** A secret long enough to sign with (32+ characters). */
export const secret = z.string().min(32, 'must be at least 32 characters');
