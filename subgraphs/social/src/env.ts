import { readSubgraphConfig, secret } from '@pacegraph/service-kit';
import { z } from 'zod';
import type { SocialConfig } from './server.js';

/** The social subgraph's configuration, from the environment alone. */
export function socialConfigFromEnv(source: Record<string, string | undefined> = process.env): SocialConfig {
  const { config, env } = readSubgraphConfig(
    4001,
    {
      JWT_SECRET: secret,
      // Unset: mails are log lines (development). Set: they go to this SMTP server.
      SMTP_URL: z
        .url()
        .refine((url) => /^smtps?:\/\//.test(url), 'must be an smtp:// or smtps:// URL')
        .optional(),
      MAIL_FROM: z.string().min(3).optional(),
    },
    source,
  );
  return {
    ...config,
    jwtSecret: env.JWT_SECRET,
    ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}),
    ...(env.MAIL_FROM ? { mailFrom: env.MAIL_FROM } : {}),
  };
}
