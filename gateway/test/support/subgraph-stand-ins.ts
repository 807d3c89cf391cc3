import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { createLogger } from '@pacegraph/service-kit';
import type { GatewayContext } from '../../src/context.js';

export const quiet = createLogger('test', 'silent');
/** Short probe delays, so a readmission shows within a test. */
export const fastProbes = { firstMs: 20, maxMs: 100 };

/** Starts `server` on 127.0.0.1 at `port` (0: a free one): its port, its /graphql URL, and a `close()` that drops its connections. */
export async function listening(server: Server, port = 0) {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What the gateway hands a data source for an operation an app sent, as `viewerId`. */
export function incomingOperation(
  request: { query: string; variables: Record<string, unknown>; operationName?: string },
  viewerId: string | null,
): GraphQLDataSourceProcessOptions<GatewayContext> {
  const context = { viewerId };
  return {
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request,
    context,
    incomingRequestContext: { request, context },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

/** Waits until `condition` holds, failing with `what` after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
