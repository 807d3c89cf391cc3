import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ASTVisitor } from 'graphql';

/**
 * How deep a query may nest fields. The deepest real query of the apps (a feed
 * page with activities, athletes, comments and their authors) is about 6.
 * @default 12
 */
export const maxQueryDepth = 12;

/**
 * Lexical tokens a document may have before parsing stops. graphql-js's full
 * introspection query (every option on) has under 200.
 * @default 10,000
 */
export const maxQueryTokens = 10_000;

/**
 * The introspection fields, whose subtrees the depth limit leaves out: the
 * standard introspection query that graphql-codegen, GraphiQL, Apollo Sandbox
 * and rover send is nested 15 levels deep (its chain of `ofType`). What
 * introspection can cost is bounded by graphql's own MaxIntrospectionDepthRule
 * (one of its specified rules: `fields` within `type` within `fields`… at most
 * 3 times), and in production introspection is off altogether.
 */
const introspectionFields = new Set(['__schema', '__type']);

/**
 * Depth of a selection set, introspection left out. A fragment's depth does
 * not depend on where it is spread, so each is measured once
 * (`fragmentDepths`): without that, fragments that spread each other twice
 * would cost 2^n.
 */
function selectionDepth(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  fragmentDepths: Map<string, number>,
): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth: number;
    if (selection.kind === Kind.FIELD) {
      if (introspectionFields.has(selection.name.value)) continue;
      depth = selection.selectionSet ? 1 + selectionDepth(selection.selectionSet, fragments, fragmentDepths) : 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = selectionDepth(selection.selectionSet, fragments, fragmentDepths);
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      if (!fragment) continue;
      if (!fragmentDepths.has(name)) {
        // Set before descending, so a fragment cycle (graphql's NoFragmentCyclesRule reports it) ends here.
        fragmentDepths.set(name, 0);
        fragmentDepths.set(name, selectionDepth(fragment.selectionSet, fragments, fragmentDepths));
      }
      depth = fragmentDepths.get(name)!;
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** A validation rule refusing operations nested deeper than `maxDepth` fields. */
export function depthLimitRule(maxDepth = maxQueryDepth) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    const fragmentDepths = new Map<string, number>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    return {
      OperationDefinition(operation) {
        const depth = selectionDepth(operation.selectionSet, fragments, fragmentDepths);
        if (depth > maxDepth) {
          context.reportError(new GraphQLError(`Query is nested ${depth} levels deep; the limit is ${maxDepth}`, { nodes: [operation] }));
        }
      },
    };
  };
}

/**
 * How many aliased fields one operation may have. Aliases let one request run
 * a field many times (a hundred `logIn` guesses, each a scrypt hash).
 * @default 15
 */
export const maxQueryAliases = 15;

/** A validation rule refusing documents with more than `maxAliases` aliased fields. */
export function aliasLimitRule(maxAliases = maxQueryAliases) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias && ++aliases === maxAliases + 1) {
          context.reportError(new GraphQLError(`Query has more than ${maxAliases} aliased fields`, { nodes: [field] }));
        }
      },
    };
  };
}
