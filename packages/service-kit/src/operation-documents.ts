import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';

/** An operation's text, parsed and validated: its document, or why it cannot run. */
export type CheckedOperation = { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] };

/**
 * Operation texts parsed and validated once, then shared. Thousands of
 * watchers subscribe with the same few texts; each would otherwise hold a
 * document of its own.
 */
export class OperationDocuments {
  private readonly checked: LRUCache<string, CheckedOperation>;

  /** @param max texts remembered @default 1,000 */
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly maxTokens?: number,
    max = 1000,
  ) {
    this.checked = new LRUCache({ max });
  }

  check(query: string): CheckedOperation {
    const known = this.checked.get(query);
    if (known) return known;
    let checked: CheckedOperation;
    try {
      const document = parse(query, this.maxTokens === undefined ? {} : { maxTokens: this.maxTokens });
      const errors = validate(this.schema, document, this.rules);
      checked = errors.length > 0 ? { errors: errors.map((error) => withErrorCode(error, 'GRAPHQL_VALIDATION_FAILED')) } : { document };
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      checked = { errors: [withErrorCode(error, 'GRAPHQL_PARSE_FAILED')] };
    }
    this.checked.set(query, checked);
    return checked;
  }
}

/**
 * `error` with `code` in its extensions unless it has one (a rule's own, such
 * as BAD_USER_INPUT): over WebSocket, errors go out as they are, and a client
 * branches on the code as it does over HTTP, where Apollo Server adds these.
 */
export function withErrorCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    originalError: error.originalError ?? null,
    extensions: { ...error.extensions, code },
  });
}
