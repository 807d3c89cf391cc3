import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { execute, Kind, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/** Root fields that read only the schema, never data. */
const introspectionRootFields = new Set(['__schema', '__type', '__typename']);

/** Whether every root field of `operation` is introspection (written directly, not through fragments). */
export function isIntrospectionOnly(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.every(
      (selection) => selection.kind === Kind.FIELD && introspectionRootFields.has(selection.name.value),
    )
  );
}

/**
 * Answers a query made only of introspection with graphql-js against the API
 * schema, as the gateway would, but knowing all of graphql-js's introspection:
 * Apollo's query planner does not know `__Type.isOneOf`, which newer
 * introspection queries (`getIntrospectionQuery({ oneOf: true })`) ask, and
 * answered them with a 500. Runs after validation, so in production, where
 * introspection is refused, it never runs.
 */
export function introspectionPlugin(apiSchema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operation, operationName, request }) {
          if (!isIntrospectionOnly(operation)) return null;
          const result = await execute({ schema: apiSchema, document, operationName, variableValues: request.variables });
          return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } };
        },
      };
    },
  };
}
