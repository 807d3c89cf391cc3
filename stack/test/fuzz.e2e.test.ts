// Every argument of every operation the SDK sends, fuzzed through the gateway
// as a signed-in athlete: whatever a client sends, the answer is a coded
// refusal or data, never a server fault, a stack, or SQL. FUZZ_SEED=<n>
// replays a run (fast-check prints the seed and the counterexample on failure).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiSchemaOf, supergraphPath } from '@pacegraph/gateway';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  parse,
  parseValue,
  print,
  typeFromAST,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql';
import { liveClient, subscribe } from './support/live-client.js';
import { athletes, ok, savedActivity, type Athlete } from './support/social.js';
import { useStack } from './support/stack.js';

const seed = Number(process.env.FUZZ_SEED ?? 15);
/** Runs per operation: enough to meet every kind of junk for each argument, bounded so the file takes well under a minute. */
const runsPerOperation = 20;
const schema = apiSchemaOf(readFileSync(supergraphPath, 'utf8'));

const operationsDirectory = fileURLToPath(new URL('../../client-sdk/operations/', import.meta.url));
const sdkDocument = parse(
  readdirSync(operationsDirectory)
    .filter((name) => name.endsWith('.graphql'))
    .map((name) => readFileSync(`${operationsDirectory}${name}`, 'utf8'))
    .join('\n'),
);
const fragments = new Map(
  sdkDocument.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
);
const allOperations = sdkDocument.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
const operations = allOperations.filter((operation) => operation.operation !== 'subscription');
const subscriptions = allOperations.filter((operation) => operation.operation === 'subscription');

/** The operation with the fragments it spreads (directly or not), as one document. */
function documentOf(operation: OperationDefinitionNode): DocumentNode {
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] };
}

/** What a literal is written as in the query text (a value JSON cannot carry, like 1e400, is given as text). */
type Literal = { literal: string };
const literal = (text: string): Literal => ({ literal: text });

const cursorAt = (at: string, id = '00000000-0000-4000-8000-000000000000') => Buffer.from(`${at}|${id}`).toString('base64url');

const junkStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', 'a\u0000b', '\u0000', '\ud800', '🏃‍♀️', "'; DROP TABLE users; --", '%s%n', '../../etc/passwd', 'x'.repeat(5_000)),
  fc.constantFrom(
    cursorAt('0000-01-01T00:00:00.000Z'),
    cursorAt('-271821-04-20T00:00:00.000Z'),
    cursorAt('+275760-09-13T00:00:00.000Z'),
    cursorAt('2026-01-01T00:00:00.000Z', 'x'),
  ),
);
const junkDateTimes = fc.oneof(
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    'yesterday',
    '0000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '2026-11-22T07:30:00',
    '2026-11-22T25:00:00Z',
    '',
  ),
  junkStrings,
);
const junkInts = fc.oneof(
  fc.integer(),
  fc.integer({ min: -5, max: 200 }),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1.5),
  fc.constantFrom(literal('99999999999999999999'), literal('1e400')),
);
const junkFloats = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -200, max: 200, noNaN: true }),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324),
  fc.constantFrom(literal('1e400'), literal('-1e400'), literal('0.0e99999')),
);

/** Values for a variable of `type`: often well-formed, often junk, sometimes the wrong kind or null. */
function valuesOf(type: GraphQLInputType, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type))
    return fc.oneof({ weight: 9, arbitrary: valuesOf(type.ofType, ids, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  const wrongKind = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant({}), fc.constant([]));
  if (isListType(type)) {
    return fc.oneof(
      { weight: 9, arbitrary: fc.array(valuesOf(type.ofType, ids, depth + 1), { maxLength: depth ? 2 : 4 }) },
      { weight: 1, arbitrary: wrongKind },
    );
  }
  const named = getNamedType(type);
  let arbitrary: fc.Arbitrary<unknown>;
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields());
    arbitrary = fc.record(Object.fromEntries(fields.map((field) => [field.name, valuesOf(field.type, ids, depth + 1)])), {
      requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name),
    });
  } else if (isEnumType(named)) {
    arbitrary = fc.oneof(fc.constantFrom(...named.getValues().map((value) => value.name)), fc.constantFrom('run', 'NOT_A_VALUE', ''));
  } else if (isScalarType(named)) {
    arbitrary =
      {
        ID: fc.oneof(fc.constantFrom(...ids), fc.uuid(), junkStrings),
        String: junkStrings,
        Int: junkInts,
        Float: junkFloats,
        Boolean: fc.boolean(),
        DateTime: junkDateTimes,
      }[named.name] ?? junkStrings;
  } else {
    arbitrary = junkStrings;
  }
  return fc.oneof({ weight: 9, arbitrary }, { weight: 1, arbitrary: wrongKind });
}

/** The generated values sent as variables (those not written into the operation's text), as JSON carries them. */
function variablesSent(values: Record<string, unknown>, inline: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([name]) => !inline.has(name))
      .map(([name, value]) => [name, asJson(value)]),
  );
}

/** `value` as GraphQL literal text for `type`. */
function literalOf(value: unknown, type: GraphQLInputType): string {
  if (value && typeof value === 'object' && 'literal' in value) return (value as Literal).literal;
  if (value === null || value === undefined) return 'null';
  const inner = isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) return `[${value.map((item) => literalOf(item, isListType(inner) ? inner.ofType : inner)).join(', ')}]`;
  if (typeof value === 'object') {
    const named = getNamedType(inner);
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}: ${literalOf(item, fields[key]?.type ?? inner)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string' && isEnumType(getNamedType(inner)) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  // GraphQL's text has no escape for a lone surrogate: such a string goes as a variable only.
  if (typeof value === 'string')
    return JSON.stringify(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`no GraphQL literal for a ${typeof value}`);
}

/** JSON variables (a literal-only value becomes its nearest JSON: 1e400 is sent as the string it is written as). */
function asJson(value: unknown): unknown {
  if (value && typeof value === 'object' && 'literal' in value) return (value as Literal).literal;
  if (Array.isArray(value)) return value.map(asJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asJson(item)]));
  return value;
}

/** The operation with `inlined` variables written into its text as literals instead. */
function withLiterals(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  values: Record<string, unknown>,
  inlined: Set<string>,
): string {
  const types = new Map(
    (operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, typeFromAST(schema, d.type as never) as GraphQLInputType]),
  );
  return print(
    visit(document, {
      VariableDefinition: (node) => (inlined.has(node.variable.name.value) ? null : undefined),
      Variable: (node, _key, parent) => {
        const name = node.name.value;
        if (!inlined.has(name) || (parent as { kind?: string } | undefined)?.kind === Kind.VARIABLE_DEFINITION) return undefined;
        return parseValue(literalOf(values[name], types.get(name)!));
      },
    }),
  );
}

const leak = /stacktrace|prisma|SELECT |INSERT |UPDATE |violates|constraint|\bat [\w.<>]+ \(|\.ts:\d|https?:\/\//i;

describe('fuzzing every argument of every SDK operation through the gateway', () => {
  const harness = useStack();
  let runner: Athlete;
  const ids: string[] = [];

  beforeAll(async () => {
    const [athlete, other] = await athletes(harness.url, ['Fuzzed', 'Fuzz neighbour'] as const);
    runner = athlete;
    const own = await savedActivity(runner, { startedAt: new Date(Date.now() - 3 * 3600_000), fixes: 5 });
    const theirs = await savedActivity(other, { startedAt: new Date(Date.now() - 2 * 3600_000), fixes: 5 });
    const fresh = (await ok(runner.call('mutation { createActivity(input: { sport: RUN }) { id } }'))).createActivity.id;
    const comment = (await ok(runner.call('mutation ($id: ID!) { addComment(activityId: $id, text: "Nice") { id } }', { id: theirs })))
      .addComment.id;
    ids.push(runner.id, other.id, own, theirs, fresh, comment);
  });

  /** fast-check's generators of one operation's variables, and of which of them go into its text. */
  function inputsOf(operation: OperationDefinitionNode) {
    const definitions = operation.variableDefinitions ?? [];
    return {
      variables: fc.record(
        Object.fromEntries(
          definitions.map((d) => [d.variable.name.value, valuesOf(typeFromAST(schema, d.type as never) as GraphQLInputType, ids)]),
        ),
      ),
      inlined: fc.subarray(definitions.map((d) => d.variable.name.value)),
    };
  }

  it.each(subscriptions.map((operation) => [operation.name?.value ?? 'anonymous', operation] as const))(
    '%s (over WebSocket) answers any input with events or a coded refusal, never INTERNAL_SERVER_ERROR, a stack or SQL',
    async (_name, operation) => {
      const document = documentOf(operation);
      const { variables, inlined } = inputsOf(operation);
      const client = liveClient(harness.url, runner.token);
      try {
        await fc.assert(
          fc.asyncProperty(variables, inlined, async (values, inlinedNames) => {
            const inline = new Set(inlinedNames);
            const query = withLiterals(document, operation, values, inline);
            const sent = variablesSent(values, inline);
            const stream = subscribe(client, query, sent);
            // The first answer (figures, or the refusal) comes at once; a stream with nothing to say yet says nothing.
            const first = await stream.next(1500).catch(() => null);
            stream.unsubscribe();
            const errors = first?.errors ?? [];
            if (
              errors.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR' || error.extensions?.code === undefined) ||
              leak.test(JSON.stringify(errors))
            ) {
              throw new Error(`${query}\nvariables ${JSON.stringify(sent).slice(0, 500)}\n${JSON.stringify(errors).slice(0, 1500)}`);
            }
          }),
          // One run says all there is of a subscription without arguments.
          { numRuns: operation.variableDefinitions?.length ? runsPerOperation : 1, seed, endOnFailure: true },
        );
      } finally {
        await client.dispose();
      }
    },
    60_000,
  );

  it.each(operations.map((operation) => [operation.name?.value ?? 'anonymous', operation] as const))(
    '%s answers any input with data or a coded refusal, never a 500, INTERNAL_SERVER_ERROR, a stack or SQL',
    async (_name, operation) => {
      const document = documentOf(operation);
      const { variables, inlined } = inputsOf(operation);
      await fc.assert(
        fc.asyncProperty(variables, inlined, async (values, inlinedNames) => {
          const inline = new Set(inlinedNames);
          const query = withLiterals(document, operation, values, inline);
          const sent = variablesSent(values, inline);
          const response = await runner.call(query, sent);
          const errors = response.errors ?? [];
          if (
            response.status >= 500 ||
            errors.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR') ||
            leak.test(JSON.stringify(errors))
          ) {
            throw new Error(
              `${response.status} for ${query}\nvariables ${JSON.stringify(sent).slice(0, 500)}\n${JSON.stringify(errors).slice(0, 1500)}`,
            );
          }
        }),
        { numRuns: runsPerOperation, seed, endOnFailure: true },
      );
    },
  );
});
