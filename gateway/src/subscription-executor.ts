import { executeQueryPlan, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { Logger } from '@pacegraph/service-kit';
import { Repeater } from '@repeaterjs/repeater';
import type { DocumentNode, ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from './context.js';
import type { SubgraphSubscriber } from './subgraph-subscriber.js';
import type { SubscriptionPlan, SubscriptionPlanner } from './subscription-plans.js';

/** A subscription a client asked for, validated. */
export interface SubscriptionRequest {
  document: DocumentNode;
  /** The operation's text: with the name and variables, what makes two subscriptions the same. */
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  viewerId: string | null;
}

/**
 * Answers the primary fetch of a subscription's plan with the event the
 * owning subgraph sent; every other fetch goes to the subgraph as usual.
 */
class EventDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly event: ExecutionResult,
    private readonly primaryOperation: string,
    private readonly subgraph: GraphQLDataSource<GatewayContext>,
  ) {}

  process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (options.request.query === this.primaryOperation) {
      return Promise.resolve({ data: this.event.data ?? null, errors: this.event.errors } as never);
    }
    return this.subgraph.process(options);
  }
}

/** Subscribers sharing one stream: the same viewer, operation and variables. */
interface SharedStream {
  listeners: Set<(result: ExecutionResult | Error | null) => void>;
  /** The latest result, for a subscriber that joins later (the current figures). */
  latest: ExecutionResult | null;
  close: () => Promise<void>;
}

/**
 * Executes subscriptions through federation, which @apollo/gateway does not:
 * the owning subgraph serves the root field over graphql-ws; for each of its
 * events, the rest of the plan (fields of other subgraphs) runs with the
 * event as the primary fetch's result. A subgraph that fails there leaves
 * null and an error in that event; the stream goes on.
 *
 * Work is shared: identical subscriptions of one viewer share one upstream
 * subscription; and where a selection has no viewer-dependent field, one
 * event reaching several viewers' streams (each authorized by the owning
 * subgraph) is resolved once for all of them.
 */
export class SubscriptionExecutor {
  private readonly streams = new Map<string, SharedStream>();
  /** Results of events being resolved or just resolved, by operation, variables and event (and viewer where it matters). */
  private readonly eventResults = new LRUCache<string, Promise<ExecutionResult>>({ max: 10_000, ttl: 5_000 });
  /** How many events were resolved through federation, and how many took a result already resolved. */
  readonly counts = { resolved: 0, shared: 0 };

  constructor(
    private readonly planner: SubscriptionPlanner,
    private readonly dataSources: Record<string, GraphQLDataSource<GatewayContext>>,
    private readonly subscribers: Record<string, SubgraphSubscriber>,
    private readonly log: Logger,
  ) {}

  /** The subscription's results, one per event, until it completes or the iterator is returned. */
  subscribe(request: SubscriptionRequest): AsyncIterableIterator<ExecutionResult> {
    const key = JSON.stringify([request.viewerId, request.operationName ?? null, request.query, request.variables]);
    return new Repeater<ExecutionResult>(async (push, stop) => {
      const listener = (result: ExecutionResult | Error | null) => {
        if (result === null) stop();
        else if (result instanceof Error) stop(result);
        else void push(result);
      };
      const stream = this.streams.get(key) ?? this.open(key, request);
      stream.listeners.add(listener);
      if (stream.latest) void push(stream.latest);
      await stop;
      stream.listeners.delete(listener);
      if (stream.listeners.size === 0 && this.streams.get(key) === stream) {
        this.streams.delete(key);
        await stream.close();
      }
    });
  }

  /** How many upstream subscriptions are open (one per distinct viewer, operation and variables). */
  get openStreams(): number {
    return this.streams.size;
  }

  private open(key: string, request: SubscriptionRequest): SharedStream {
    const plan = this.planner.plan(request.document, request.operationName, request.query);
    const subscriber = this.subscribers[plan.primary.serviceName];
    if (!subscriber) throw new Error(`No subscriptions configured for subgraph ${plan.primary.serviceName}`);
    const variables = Object.fromEntries((plan.primary.variableUsages ?? []).map((name) => [name, request.variables[name]]));
    const upstream = subscriber.subscribe({
      query: plan.primary.operation,
      operationName: plan.primary.operationName,
      variables,
      viewerId: request.viewerId,
    });
    const stream: SharedStream = { listeners: new Set(), latest: null, close: async () => void (await upstream.return?.()) };
    const deliver = (result: ExecutionResult | Error | null) => {
      for (const listener of [...stream.listeners]) listener(result);
    };
    void (async () => {
      try {
        for await (const event of upstream) {
          const result = await this.sharedResult(plan, request, event);
          stream.latest = result;
          deliver(result);
        }
        deliver(null);
      } catch (error) {
        this.log.warn({ err: error }, 'subscription upstream failed');
        deliver(error instanceof Error ? error : new Error(String(error)));
      } finally {
        if (this.streams.get(key) === stream) this.streams.delete(key);
      }
    })();
    this.streams.set(key, stream);
    return stream;
  }

  private sharedResult(plan: SubscriptionPlan, request: SubscriptionRequest, event: ExecutionResult): Promise<ExecutionResult> {
    const audience = plan.sameForEveryViewer ? '*' : request.viewerId;
    const key = JSON.stringify([audience, request.operationName ?? null, request.query, request.variables, event]);
    const known = this.eventResults.get(key);
    if (known) {
      this.counts.shared++;
      return known;
    }
    this.counts.resolved++;
    const result = this.executeEvent(plan, request, event);
    this.eventResults.set(key, result);
    return result;
  }

  /** One event's result: the rest of the plan run with the event as the primary fetch's answer. */
  private async executeEvent(plan: SubscriptionPlan, request: SubscriptionRequest, event: ExecutionResult): Promise<ExecutionResult> {
    // Refused by the subgraph (not found, not allowed): nothing to resolve further.
    if (!event.data) return { errors: event.errors ?? [] } as ExecutionResult;
    const queryPlan: QueryPlan = {
      kind: 'QueryPlan',
      node: plan.rest ? { kind: 'Sequence', nodes: [plan.primary, plan.rest] } : plan.primary,
    };
    const primaryService = plan.primary.serviceName;
    const serviceMap = {
      ...this.dataSources,
      [primaryService]: new EventDataSource(event, plan.primary.operation, this.dataSources[primaryService]!),
    };
    const requestContext = {
      request: { query: request.query, operationName: request.operationName, variables: request.variables },
      context: { viewerId: request.viewerId },
      metrics: {},
      logger: this.log,
    } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
    return (await executeQueryPlan(
      queryPlan,
      serviceMap,
      requestContext,
      plan.operationContext,
      this.planner.supergraphSchema,
      this.planner.apiSchema,
    )) as ExecutionResult;
  }
}
