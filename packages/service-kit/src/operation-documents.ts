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
      checked = errors.length > 0 ? { errors } : { document };
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      checked = { errors: [error] };
    }
    this.checked.set(query, checked);
    return checked;
  }
}
