import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse as GraphQLResponse } from '@apollo/server-gateway-interface';
import type { GatewayContext } from './context.js';

interface Waiting {
  representations: unknown[];
  resolve: (response: GraphQLResponse) => void;
  reject: (error: unknown) => void;
}

/**
 * Sends a subgraph the entity fetches (`_entities`) of events resolved in
 * the same turn of the event loop as one request: a hundred activities'
 * updates arriving together cost one fetch per subgraph, not a hundred. Only
 * fetches with the same query, variables and identity are merged; each caller
 * gets its own slice of the entities and of the errors.
 */
export class EntityFetchBatcher implements GraphQLDataSource<GatewayContext> {
  private readonly pending = new Map<string, { options: GraphQLDataSourceProcessOptions<GatewayContext>; waiting: Waiting[] }>();

  constructor(private readonly subgraph: GraphQLDataSource<GatewayContext>) {}

  process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GraphQLResponse> {
    const { representations, ...variables } = options.request.variables ?? {};
    if (!Array.isArray(representations)) return this.subgraph.process(options);
    const key = JSON.stringify([options.request.query, variables, options.context]);
    return new Promise((resolve, reject) => {
      let batch = this.pending.get(key);
      if (!batch) {
        batch = { options, waiting: [] };
        this.pending.set(key, batch);
        setImmediate(() => void this.flush(key));
      }
      batch.waiting.push({ representations, resolve, reject });
    });
  }

  private async flush(key: string): Promise<void> {
    const { options, waiting } = this.pending.get(key)!;
    this.pending.delete(key);
    try {
      const representations = waiting.flatMap((caller) => caller.representations);
      const response = await this.subgraph.process({
        ...options,
        request: { ...options.request, variables: { ...options.request.variables, representations } },
      });
      const entities = (response.data as { _entities?: unknown[] } | null | undefined)?._entities;
      let offset = 0;
      for (const caller of waiting) {
        const from = offset;
        offset += caller.representations.length;
        const errors = response.errors
          ?.filter((error) => !isEntityPath(error.path) || (error.path[1] >= from && error.path[1] < offset))
          .map((error) =>
            isEntityPath(error.path) ? { ...error, path: ['_entities', error.path[1] - from, ...error.path.slice(2)] } : error,
          );
        caller.resolve({
          ...response,
          data: response.data && entities ? { ...response.data, _entities: entities.slice(from, offset) } : response.data,
          errors: errors?.length ? errors : undefined,
        });
      }
    } catch (error) {
      for (const caller of waiting) caller.reject(error);
    }
  }
}

function isEntityPath(path: readonly (string | number)[] | undefined): path is ['_entities', number, ...(string | number)[]] {
  return Array.isArray(path) && path[0] === '_entities' && typeof path[1] === 'number';
}
