import type { ApolloServerPlugin } from '@apollo/server';
import { CostLimitExceededError, maxPageSize, ServiceReason } from '@pacegraph/service-kit';
import { getNamedType, getOperationAST, GraphQLError, isCompositeType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * The most an operation may cost: about how many objects it may make the
 * subgraphs resolve (see {@link fieldCost}). The costliest operation of the
 * SDK at its largest pages (a feed page of 100 activities with 100 comments
 * each) costs about 31,000; a page of followers of each of 100 followers
 * (two nested lists of 100) about 20,000; one more level of nesting is
 * millions.
 * @default 50,000
 */
export const maxOperationCost = 50_000;

/**
 * Selections the estimate walks before it gives up and refuses (fragments
 * spreading each other twice would otherwise make the walk itself the attack).
 * @default 10,000
 */
export const maxCostedSelections = 10_000;

/**
 * What a field costs: a scalar nothing (it comes with its object); an object
 * 1 plus what is selected in it; a paged field (one with `first`) 1 plus its
 * page size (the `first` asked, else the argument's default, never more than
 * {@link maxPageSize}) times what is selected in it, so nested pages
 * multiply. A list without `first` (splits, totals, privacy zones,
 * introspection's lists) counts its selection once: its length is bounded by
 * the data and its items hold plain values only (a test walks the schema for
 * that).
 */
export const fieldCost: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!isCompositeType(getNamedType(field.type))) return 0;
  if (!field.args.some((argument) => argument.name === 'first')) return 1 + childComplexity;
  const first = typeof args.first === 'number' ? args.first : maxPageSize;
  return 1 + Math.min(Math.max(first, 0), maxPageSize) * childComplexity;
};

/**
 * The estimated cost of the operation `operationName` of `document` with
 * `variables`, or null when the variables do not fit the operation (execution
 * refuses those on its own). Throws COST_LIMIT_EXCEEDED when the document has
 * more selections than {@link maxCostedSelections} to walk.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors) return null;
  try {
    return getComplexity({
      schema,
      query: document,
      // Only the operation that runs; unnamed, it is the document's only one.
      ...(operation.name ? { operationName: operation.name.value } : {}),
      variables: variables ?? {},
      estimators: [fieldCost],
      maxQueryNodes: maxCostedSelections,
    });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new CostLimitExceededError(ServiceReason.TooCostly, `This operation has more than ${maxCostedSelections} selections to estimate`);
  }
}

/** COST_LIMIT_EXCEEDED when the operation may cost more than `budget`; nothing otherwise. */
export function checkOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  budget = maxOperationCost,
): void {
  const cost = operationCost(schema, document, operationName, variables);
  if (cost !== null && cost > budget) {
    throw new CostLimitExceededError(
      ServiceReason.TooCostly,
      `This operation may resolve about ${cost} objects; the limit is ${budget}. Ask for smaller pages or nest fewer lists`,
    );
  }
}

/**
 * Refuses, before planning or any subgraph request, an operation that may cost
 * more than the budget: 400 with COST_LIMIT_EXCEEDED.
 */
export function costLimitPlugin(budget = maxOperationCost): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          try {
            checkOperationCost(schema, document, operationName, request.variables, budget);
          } catch (error) {
            if (!(error instanceof CostLimitExceededError)) throw error;
            throw new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 400 } } });
          }
        },
      };
    },
  };
}
