import { executeQueryPlan, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { ActivityReason } from '@pacegraph/activity-rules';
import { ErrorCode, isActivityAudience, ServiceReason, type ActivityAudience, type Logger } from '@pacegraph/service-kit';
import { Repeater } from '@repeaterjs/repeater';
import { GraphQLError, type DocumentNode, type ExecutionResult } from 'graphql';
import type { ActivityAdmission, Admission } from './activity-admission.js';
import type { GatewayContext } from './context.js';
import { EntityFetchBatcher } from './entity-fetch-batcher.js';
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

/** Times in a row a stream subscribes again after its upstream failed, before it gives up. @default 5 */
export const maxResubscribes = 5;
/** Wait before subscribing again, times the failures in a row. @default 200 ms */
const resubscribeDelayMs = 200;

/** A viewer's share of a stream: each result (an Error when the stream failed, null when it ended) and whether they may have it. */
interface Listener {
  viewerId: string | null;
  receive(result: ExecutionResult | Error | null, admission: Admission): void;
}

/** Subscribers sharing one upstream subscription and one resolution per event. */
interface SharedStream {
  listeners: Set<Listener>;
  /** The latest result and its audience, for a subscriber that joins later (the current figures). */
  latest: { result: ExecutionResult; audience: ActivityAudience | undefined } | null;
  close: () => Promise<void>;
}

/**
 * Executes subscriptions through federation, which @apollo/gateway does not:
 * the owning subgraph serves the root field over graphql-ws; for each of its
 * events, the rest of the plan (fields of other subgraphs) runs with the
 * event as the primary fetch's result. A subgraph that fails there leaves
 * null and an error in that event; the stream goes on.
 *
 * Work is shared. Where the plan allows (a `fan-out` root field, no
 * viewer-dependent field selected), one upstream subscription serves every
 * viewer with the same operation and variables: each event is resolved once,
 * and every viewer is checked against the audience the subgraph sends with
 * it (on subscribing and on every event) by the one visibility policy.
 * Otherwise identical subscriptions of one viewer share a stream.
 */
export class SubscriptionExecutor {
  private readonly streams = new Map<string, SharedStream>();
  /** Events resolved through federation, and results delivered to subscribers. */
  readonly counts = { resolved: 0, delivered: 0 };
  /** Per subgraph: entity fetches of events resolved together go as one request. */
  private readonly batchedSources: Record<string, GraphQLDataSource<GatewayContext>>;

  constructor(
    private readonly planner: SubscriptionPlanner,
    dataSources: Record<string, GraphQLDataSource<GatewayContext>>,
    private readonly subscribers: Record<string, SubgraphSubscriber>,
    private readonly admission: ActivityAdmission,
    private readonly log: Logger,
  ) {
    this.batchedSources = Object.fromEntries(Object.entries(dataSources).map(([name, source]) => [name, new EntityFetchBatcher(source)]));
  }

  /** The subscription's results, one per event, until it completes or the iterator is returned. */
  subscribe(request: SubscriptionRequest): AsyncIterableIterator<ExecutionResult> {
    const plan = this.planner.plan(request.document, request.operationName, request.query);
    const key = JSON.stringify([plan.fanOut ? '*' : request.viewerId, request.operationName ?? null, request.query, request.variables]);
    return new Repeater<ExecutionResult>(async (push, stop) => {
      const listener: Listener = {
        viewerId: request.viewerId,
        receive: (result, admission) => {
          if (result === null) return stop();
          if (result instanceof Error) {
            // Ends this subscription with an error; the socket and its other subscriptions go on.
            void push({ errors: [unavailable()] }).then(() => stop());
            return;
          }
          // Who follows whom could not be checked just now: this event is skipped, the next checked again.
          if (admission === 'UNKNOWN') return;
          if (admission === 'REFUSED') {
            // Never visible to this viewer, or no longer: the same answer as for an activity that does not exist.
            void push({ errors: [notFound()] }).then(() => stop());
            return;
          }
          this.counts.delivered++;
          void push(result);
        },
      };
      const stream = this.streams.get(key) ?? this.open(key, plan, request);
      stream.listeners.add(listener);
      const latest = stream.latest;
      if (latest) {
        const admission = await this.admissionOf(plan, latest.result, latest.audience, [listener.viewerId]);
        // A newer event reached this viewer meanwhile: the older one is not sent after it.
        if (stream.latest === latest) listener.receive(latest.result, admission.get(listener.viewerId) ?? 'UNKNOWN');
      }
      await stop;
      stream.listeners.delete(listener);
      if (stream.listeners.size === 0 && this.streams.get(key) === stream) {
        this.streams.delete(key);
        await stream.close();
      }
    });
  }

  /**
   * Which of `viewerIds` may have a result: checked here for a shared stream
   * (against the audience the subgraph sent with it; data without one goes to
   * nobody), by the subgraph otherwise.
   */
  private async admissionOf(
    plan: SubscriptionPlan,
    result: ExecutionResult,
    audience: ActivityAudience | undefined,
    viewerIds: readonly (string | null)[],
  ): Promise<Map<string | null, Admission>> {
    if (plan.fanOut && audience) return this.admission.admit(audience, viewerIds);
    const admission: Admission = plan.fanOut && result.data ? 'REFUSED' : 'ADMITTED';
    return new Map(viewerIds.map((viewerId) => [viewerId, admission]));
  }

  private open(key: string, plan: SubscriptionPlan, request: SubscriptionRequest): SharedStream {
    const subscriber = this.subscribers[plan.primary.serviceName];
    if (!subscriber) throw new Error(`No subscriptions configured for subgraph ${plan.primary.serviceName}`);
    const variables = Object.fromEntries((plan.primary.variableUsages ?? []).map((name) => [name, request.variables[name]]));
    const subscribeUpstream = () =>
      subscriber.subscribe({
        query: plan.primary.operation,
        operationName: plan.primary.operationName,
        variables,
        identity: plan.fanOut ? { viewerId: null, fanOut: true } : { viewerId: request.viewerId },
      });
    let upstream = subscribeUpstream();
    let closed = false;
    const stream: SharedStream = {
      listeners: new Set(),
      latest: null,
      close: async () => {
        closed = true;
        await upstream.return?.();
      },
    };
    const deliver = async (result: ExecutionResult | Error | null, audience?: ActivityAudience) => {
      const listeners = [...stream.listeners];
      const admissions =
        result && !(result instanceof Error)
          ? await this.admissionOf(
              plan,
              result,
              audience,
              listeners.map((listener) => listener.viewerId),
            )
          : null;
      for (const listener of listeners) listener.receive(result, admissions?.get(listener.viewerId) ?? 'ADMITTED');
    };
    void (async () => {
      try {
        for (let failures = 0; ;) {
          try {
            for await (const event of upstream) {
              failures = 0;
              const audience = isActivityAudience(event.extensions?.audience) ? event.extensions.audience : undefined;
              this.counts.resolved++;
              const result = await this.executeEvent(plan, request, event);
              stream.latest = { result, audience };
              await deliver(result, audience);
            }
            return await deliver(null);
          } catch (error) {
            // The instance went away (a deploy, a crash): subscribe again, to the next instance, and
            // carry on from its current figures; subscribers see no break but a short pause.
            if (closed || ++failures > maxResubscribes) throw error;
            this.log.warn({ err: error, failures }, 'subscription upstream failed; subscribing again');
            await new Promise((resolve) => setTimeout(resolve, resubscribeDelayMs * failures));
            if (closed) return;
            upstream = subscribeUpstream();
          }
        }
      } catch (error) {
        this.log.warn({ err: error }, 'subscription upstream failed');
        await deliver(error instanceof Error ? error : new Error(String(error)));
      } finally {
        if (this.streams.get(key) === stream) this.streams.delete(key);
      }
    })();
    this.streams.set(key, stream);
    return stream;
  }

  /** One event's result: the rest of the plan run with the event as the primary fetch's answer. */
  private async executeEvent(plan: SubscriptionPlan, request: SubscriptionRequest, event: ExecutionResult): Promise<ExecutionResult> {
    // Refused by the subgraph (not found, not allowed): nothing to resolve further.
    if (!event.data) return { errors: event.errors ?? [] };
    const queryPlan: QueryPlan = {
      kind: 'QueryPlan',
      node: plan.rest ? { kind: 'Sequence', nodes: [plan.primary, plan.rest] } : plan.primary,
    };
    const primaryService = plan.primary.serviceName;
    const serviceMap = {
      ...this.batchedSources,
      [primaryService]: new EventDataSource(event, plan.primary.operation, this.batchedSources[primaryService]!),
    };
    // A stream shared by many viewers resolves as the gateway on their behalf: each was checked against the event.
    const context: GatewayContext = plan.fanOut ? { viewerId: null, fanOut: true } : { viewerId: request.viewerId };
    const requestContext = {
      request: { query: request.query, operationName: request.operationName, variables: request.variables },
      context,
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

function unavailable(): GraphQLError {
  return new GraphQLError('Live updates are unavailable just now; subscribe again', {
    extensions: { code: ErrorCode.Internal, reason: ServiceReason.LiveUnavailable },
  });
}

function notFound(): GraphQLError {
  return new GraphQLError('No such activity', { extensions: { code: ErrorCode.NotFound, reason: ActivityReason.NotFound } });
}
