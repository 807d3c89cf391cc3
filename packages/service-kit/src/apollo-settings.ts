import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { createErrorFormatter } from './errors.js';
import type { Logger } from './logger.js';
import { requestObserverPlugin } from './request-observer-plugin.js';

/**
 * Apollo Server settings every PaceGraph server shares: one error formatter,
 * and in production no stack traces, no field suggestions, no introspection.
 * No cache-control hints and no Apollo Studio traces: every answer is the
 * viewer's own (the HTTP server says `cache-control: no-store` on each), and
 * nothing reports to Studio. Both plugins would otherwise hook every field a
 * request resolves (a feed page resolves hundreds).
 */
export function apolloSettings(options: { production: boolean; log: Logger }) {
  const { production, log } = options;
  return {
    logger: log,
    formatError: createErrorFormatter({
      production,
      onUnexpected: (error) => log.error({ err: error }, 'unexpected error in a GraphQL request'),
    }),
    includeStacktraceInErrorResponses: !production,
    hideSchemaDetailsFromClientErrors: production,
    introspection: !production,
    // Shutdown is ours (closeOnSignal): drain HTTP first, then stop Apollo, then close the database.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled(), requestObserverPlugin()],
  } satisfies Partial<ApolloServerOptions<BaseContext>>;
}
