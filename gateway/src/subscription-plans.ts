import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { buildOperationContext } from '@apollo/gateway';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { getOperationAST, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { fanOutTag, selectsAnyField, taggedFields, viewerDependentTag } from './viewer-dependence.js';

/** A subscription planned over the subgraphs. */
export interface SubscriptionPlan {
  /** The subscription the owning subgraph serves. */
  primary: FetchNode;
  /** Fetches for the rest of each event's selection (fields of other subgraphs); none when the owner has it all. */
  rest: PlanNode | undefined;
  /**
   * Whether one upstream subscription serves every viewer: its subgraph sends
   * who may see each event, and the selection has no viewer-dependent field.
   */
  fanOut: boolean;
  operationContext: ReturnType<typeof buildOperationContext>;
}

/**
 * Plans subscriptions with Apollo's query planner, which does plan them (a
 * primary fetch from the subgraph that owns the root field, then the rest of
 * the selection) though the gateway does not execute them. Plans are cached
 * by operation text.
 */
export class SubscriptionPlanner {
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
  /** The schema clients see, for validation. */
  readonly clientSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly viewerDependentFields: Set<string>;
  private readonly fanOutFields: Set<string>;
  private readonly plans = new LRUCache<string, SubscriptionPlan>({ max: 1000 });

  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.apiSchema = supergraph.apiSchema();
    this.clientSchema = this.apiSchema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
    this.viewerDependentFields = taggedFields(supergraphSdl, viewerDependentTag);
    this.fanOutFields = taggedFields(supergraphSdl, fanOutTag);
  }

  /** The plan of a validated subscription document. */
  plan(document: DocumentNode, operationName: string | undefined, cacheKey: string): SubscriptionPlan {
    const key = `${operationName ?? ''}\n${cacheKey}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    const operation = operationFromDocument(this.apiSchema, document, { operationName });
    const plan: QueryPlan = this.planner.buildQueryPlan(operation);
    const node = plan.node;
    if (node?.kind !== 'Subscription') throw new Error('Not a subscription');
    const planned = {
      primary: node.primary,
      rest: node.rest,
      fanOut:
        (getOperationAST(document, operationName)?.selectionSet.selections ?? []).every(
          (selection) => selection.kind === Kind.FIELD && this.fanOutFields.has(`Subscription.${selection.name.value}`),
        ) && !selectsAnyField(this.clientSchema, document, this.viewerDependentFields),
      operationContext: buildOperationContext({ schema: this.clientSchema, operationDocument: document, operationName }),
    };
    this.plans.set(key, planned);
    return planned;
  }
}
