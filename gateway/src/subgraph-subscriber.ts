import {
  identityExtension,
  signIdentity,
  subgraphConnectionSignedBody,
  subscriptionSignedBody,
  type Identity,
  type SignedBody,
} from '@pacegraph/service-kit';
import { Repeater } from '@repeaterjs/repeater';
import type { ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** One subscription to send to a subgraph. */
export interface SubgraphSubscription {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  /** Whom the subgraph answers: one viewer, or the gateway on behalf of many. */
  identity: Identity;
}

/**
 * Forwards subscriptions to a subgraph's instances over graphql-ws: one
 * connection per instance, shared by every subscription the gateway sends
 * there (round robin over instances), each carrying its signed identity. A connection opens on first use and closes when idle.
 */
export class SubgraphSubscriber {
  private readonly clients: Client[];
  private next = 0;

  constructor(
    private readonly subgraphName: string,
    instanceUrls: readonly string[],
    private readonly internalSecret: string,
  ) {
    this.clients = instanceUrls.map((url) =>
      createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        // Signed afresh at each connect: a signature is only good for a minute.
        connectionParams: () => ({ [identityExtension]: this.sign({ viewerId: null }, subgraphConnectionSignedBody) }),
        lazy: true,
        lazyCloseTimeout: 1000,
        retryAttempts: 0,
      }),
    );
  }

  private sign(identity: Identity, body: SignedBody): string {
    return signIdentity(this.internalSecret, identity, this.subgraphName, body);
  }

  /** The subgraph's results for one subscription, until it completes or the returned iterator is closed. */
  subscribe(subscription: SubgraphSubscription): AsyncIterableIterator<ExecutionResult> {
    const client = this.clients[this.next++ % this.clients.length]!;
    return new Repeater<ExecutionResult>(async (push, stop) => {
      const dispose = client.subscribe(
        {
          query: subscription.query,
          operationName: subscription.operationName,
          variables: subscription.variables,
          extensions: { [identityExtension]: this.sign(subscription.identity, subscriptionSignedBody(subscription)) },
        },
        {
          next: (result) => void push(result as ExecutionResult),
          error: (error) => {
            // The subgraph refused the subscription (NOT_FOUND, …): its errors go to the client as a result.
            if (Array.isArray(error)) void push({ errors: error } as ExecutionResult).then(() => stop());
            else stop(error instanceof Error ? error : new Error(describeClose(error)));
          },
          complete: () => stop(),
        },
      );
      await stop;
      dispose();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.dispose()));
  }
}

function describeClose(error: unknown): string {
  const close = error as { code?: number; reason?: string };
  return close?.code ? `subgraph connection closed (${close.code} ${close.reason ?? ''})` : 'subgraph subscription failed';
}
