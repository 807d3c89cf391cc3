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
import { neverReachedInstance, type SubgraphInstances } from './instance-health.js';

/** One subscription to send to a subgraph. */
export interface SubgraphSubscription {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  /** Whom the subgraph answers: one viewer, or the gateway on behalf of many. */
  identity: Identity;
}

/** One instance's connection, and whether its last attempt to connect failed before the socket opened. */
interface InstanceConnection {
  client: Client;
  opened: boolean;
  connectFailure?: unknown;
}

/**
 * Forwards subscriptions to a subgraph's instances over graphql-ws: one
 * connection per instance, shared by every subscription the gateway sends
 * there (round robin over the instances in service), each carrying its
 * signed identity. A connection opens on first use and closes when idle.
 * An instance that refuses the connection is ejected, and the subscription
 * goes once to another: nothing was subscribed on the first.
 */
export class SubgraphSubscriber {
  private readonly connections: InstanceConnection[];
  private readonly subgraphName: string;

  constructor(
    /** The subgraph's instances, and which of them are in service. */
    private readonly health: SubgraphInstances,
    private readonly internalSecret: string,
  ) {
    this.subgraphName = health.subgraphName;
    this.connections = health.urls.map((url, index) => {
      const connection: InstanceConnection = { opened: false } as InstanceConnection;
      connection.client = createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        // Signed afresh at each connect: a signature is only good for a minute.
        connectionParams: () => ({ [identityExtension]: this.sign({ viewerId: null }, subgraphConnectionSignedBody) }),
        lazy: true,
        lazyCloseTimeout: 1000,
        retryAttempts: 0,
        on: {
          connecting: () => {
            connection.opened = false;
            connection.connectFailure = undefined;
          },
          opened: () => {
            connection.opened = true;
            health.reached(index);
          },
          error: (event) => {
            // ws reports a socket's failure as an event whose `error` is the Error (ECONNREFUSED, …).
            const cause = (event as { error?: unknown } | undefined)?.error ?? event;
            if (connection.opened || !neverReachedInstance(cause)) return;
            connection.connectFailure = cause;
            health.eject(index, cause);
          },
        },
      });
      return connection;
    });
  }

  private sign(identity: Identity, body: SignedBody): string {
    return signIdentity(this.internalSecret, identity, this.subgraphName, body);
  }

  /** The subgraph's results for one subscription, until it completes or the returned iterator is closed. */
  subscribe(subscription: SubgraphSubscription): AsyncIterableIterator<ExecutionResult> {
    const payload = {
      query: subscription.query,
      operationName: subscription.operationName,
      variables: subscription.variables,
      extensions: { [identityExtension]: this.sign(subscription.identity, subscriptionSignedBody(subscription)) },
    };
    return new Repeater<ExecutionResult>(async (push, stop) => {
      let dispose = () => {};
      const attempt = (index: number, retried: boolean) => {
        let received = false;
        dispose = this.connections[index]!.client.subscribe(payload, {
          next: (result) => {
            received = true;
            void push(result as ExecutionResult);
          },
          error: (error) => {
            // The subgraph refused the subscription (NOT_FOUND, …): its errors go to the client as a result.
            if (Array.isArray(error)) return void push({ errors: error }).then(() => stop());
            if (!received && !retried && this.connections[index]!.connectFailure !== undefined) {
              const other = this.health.pick(index);
              if (other !== index) return attempt(other, true);
            }
            stop(error instanceof Error ? error : new Error(describeClose(error)));
          },
          complete: () => stop(),
        });
      };
      attempt(this.health.pick(), false);
      await stop;
      dispose();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map(async ({ client }) => client.dispose()));
  }
}

function describeClose(error: unknown): string {
  const close = error as { code?: number; reason?: string };
  return close?.code ? `subgraph connection closed (${close.code} ${close.reason ?? ''})` : 'subgraph subscription failed';
}
