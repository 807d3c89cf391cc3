import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { BadUserInputError, DateTimeScalar, ServiceReason } from '@pacegraph/service-kit';
import { getNamedType, GraphQLError, Kind, type ASTNode, type ASTVisitor, type ValidationContext, type ValueNode } from 'graphql';

type Ancestors = readonly (ASTNode | readonly ASTNode[])[];

/** `input.title` for a value under `parent` (its argument, then input fields; graphql's ancestors stop above the parent). */
function fieldOf(ancestors: Ancestors, parent: ASTNode | readonly ASTNode[] | undefined): string | undefined {
  const names = [...ancestors, ...(parent ? [parent] : [])].flatMap((ancestor) =>
    !Array.isArray(ancestor) && ((ancestor as ASTNode).kind === Kind.ARGUMENT || (ancestor as ASTNode).kind === Kind.OBJECT_FIELD)
      ? [(ancestor as { name: { value: string } }).name.value]
      : [],
  );
  return names.length ? names.join('.') : undefined;
}

function refusal(node: ValueNode, reason: string, message: string, field: string | undefined): GraphQLError {
  // The formatter finds the BadUserInputError behind the validation error: BAD_USER_INPUT, its reason and field.
  return new GraphQLError(message, { nodes: node, originalError: new BadUserInputError(reason, message, field) });
}

/**
 * A validation rule for the literals of a query's text that graphql-js lets
 * through but nothing behind the gateway can take: a Float beyond a double
 * (the query planner would fail on it with a 500), a DateTime that is not one
 * (the gateway's schema knows DateTime only by name, so the subgraph would
 * refuse the whole request), and a NUL character in any string.
 */
export function inputLiteralRule() {
  return (context: ValidationContext): ASTVisitor => ({
    FloatValue(node, _key, parent, _path, ancestors) {
      if (!Number.isFinite(Number.parseFloat(node.value))) {
        const field = fieldOf(ancestors, parent);
        context.reportError(refusal(node, ServiceReason.NotFinite, `${node.value} is beyond the range of a Float`, field));
      }
    },
    StringValue(node, _key, parent, _path, ancestors) {
      if (node.value.includes('\u0000')) {
        const field = fieldOf(ancestors, parent);
        context.reportError(refusal(node, ServiceReason.NulCharacter, `${field ?? 'A string'} must not contain a NUL character`, field));
        return;
      }
      const type = context.getInputType();
      if (type && getNamedType(type).name === DateTimeScalar.name) {
        try {
          DateTimeScalar.parseLiteral(node);
        } catch (error) {
          const field = fieldOf(ancestors, parent);
          context.reportError(refusal(node, ServiceReason.BadDateTime, (error as Error).message, field));
        }
      }
    },
  });
}

/** The path (`input.title`, `points.3.name`) of the first string holding a NUL character in `value`, if any. */
export function nulCharacterIn(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulCharacterIn(inner, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/** The refusal of variables that hold a string with a NUL character (naming the first), if they do: HTTP and WebSocket alike. */
export function nulVariableRefusal(variables: Record<string, unknown> | null | undefined): BadUserInputError | null {
  for (const [name, value] of Object.entries(variables ?? {})) {
    const field = nulCharacterIn(value, name);
    if (field) return new BadUserInputError(ServiceReason.NulCharacter, `${field} must not contain a NUL character`, field);
  }
  return null;
}

/**
 * Refuses a request whose variables hold a string with a NUL character, with
 * 400 and BAD_USER_INPUT naming the variable, before any subgraph is asked.
 */
export function nulVariablePlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const refusal = nulVariableRefusal(request.variables);
          if (!refusal) return;
          throw new GraphQLError(refusal.message, {
            originalError: refusal,
            extensions: { http: { status: 400, headers: new HeaderMap() } },
          });
        },
      };
    },
  };
}
