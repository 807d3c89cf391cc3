import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import { CostLimitExceededError, maxPageSize } from '@pacegraph/service-kit';
import {
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql';
import { checkOperationCost, maxOperationCost, operationCost } from './query-cost.js';
import { supergraphPath } from './supergraph.js';

const schema = Supergraph.build(readFileSync(supergraphPath, 'utf8')).apiSchema().toGraphQLJSSchema();

const operationsDirectory = fileURLToPath(new URL('../../client-sdk/operations/', import.meta.url));
const sdkDocument = parse(
  readdirSync(operationsDirectory)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => readFileSync(`${operationsDirectory}/${file}`, 'utf8'))
    .join('\n'),
);
const sdkOperations = sdkDocument.definitions.filter(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
);

/** A value of `type` that coerces: the largest page for an Int, anything valid otherwise. */
function sampleValue(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [sampleValue(nullable.ofType)];
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  if (isInputObjectType(nullable)) {
    const fields = Object.values(nullable.getFields()).filter((field) => isNonNullType(field.type));
    return Object.fromEntries(fields.map((field) => [field.name, sampleValue(field.type)]));
  }
  return { Int: maxPageSize, Float: 1, Boolean: true, DateTime: '2026-11-22T07:00:00Z' }[nullable.name] ?? 'x';
}

/** The variables that make an SDK operation as costly as the app may ask: every Int (each a page size) at the maximum. */
function largestVariables(operation: OperationDefinitionNode): Record<string, unknown> {
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      sampleValue(typeFromAST(schema, definition.type as never) as GraphQLInputType),
    ]),
  );
}

const attackAlias = (index: number) =>
  `a${index}: user(id: $id) { followers(first: 100) { edges { node { id followers(first: 100) { edges { node { id followers(first: 100) { edges { node { id name } } } } } } } } } }`;
/** Issue 15's attack: 15 aliases of three nested pages of 100 followers (millions of objects on a clique). */
export const followersOfFollowersQuery = `query ($id: ID!) { ${Array.from({ length: 15 }, (_, index) => attackAlias(index)).join(' ')} }`;

describe('the operation cost estimate', () => {
  it('has every operation of the SDK within the budget, at the largest pages the app may ask, with room to spare', () => {
    expect(sdkOperations.length).toBeGreaterThan(20);
    const costs = Object.fromEntries(
      sdkOperations.map((operation) => {
        const document: DocumentNode = {
          ...sdkDocument,
          definitions: [operation, ...sdkDocument.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
        };
        return [operation.name!.value, operationCost(schema, document, operation.name!.value, largestVariables(operation))];
      }),
    );
    for (const [name, cost] of Object.entries(costs)) {
      expect({ name, cost: typeof cost === 'number' && cost <= maxOperationCost * 0.7 }).toEqual({ name, cost: true });
    }
  });

  it('multiplies nested pages by their sizes, from `first` or the argument default, and counts scalars as nothing', () => {
    expect(operationCost(schema, parse('{ me { id name followerCount } }'), undefined, {})).toBe(1);
    // me 1 + 20 (the default page) × (edges 1 + node 1)
    expect(operationCost(schema, parse('{ me { followers { edges { node { id } } } } }'), undefined, {})).toBe(1 + 1 + 20 * 2);
    expect(operationCost(schema, parse('{ me { followers(first: 5) { edges { node { id } } } } }'), undefined, {})).toBe(2 + 5 * 2);
    const nested = 'query ($n: Int) { me { followers(first: $n) { edges { node { following(first: $n) { edges { node { id } } } } } } } }';
    expect(operationCost(schema, parse(nested), undefined, { n: 10 })).toBe(2 + 10 * (2 + 1 + 10 * 2));
  });

  it('counts no page as larger than the subgraphs serve', () => {
    const asked = (first: number) => operationCost(schema, parse(`{ feed(first: ${first}) { edges { node { id } } } }`), undefined, {});
    expect(asked(1_000_000)).toBe(asked(maxPageSize));
  });

  it('refuses the attack of issue 15 with COST_LIMIT_EXCEEDED', () => {
    const attack = parse(followersOfFollowersQuery);
    expect(operationCost(schema, attack, undefined, { id: 'x' })).toBeGreaterThan(1_000_000);
    expect(() => checkOperationCost(schema, attack, undefined, { id: 'x' })).toThrow(CostLimitExceededError);
  });

  it('lets the standard introspection query through', () => {
    expect(() => checkOperationCost(schema, parse(getIntrospectionQuery()), 'IntrospectionQuery', {})).not.toThrow();
  });

  it('refuses fragments that spread each other twice before walking them', () => {
    const fragments = Array.from({ length: 40 }, (_, index) => `fragment F${index} on User { ...F${index + 1} ...F${index + 1} }`).join(
      ' ',
    );
    const query = parse(`{ me { ...F0 } } ${fragments} fragment F40 on User { id }`);
    expect(() => operationCost(schema, query, undefined, {})).toThrow(CostLimitExceededError);
  });

  it('leaves variables that do not fit the operation to execution', () => {
    expect(operationCost(schema, parse('query ($n: Int!) { feed(first: $n) { edges { cursor } } }'), undefined, {})).toBeNull();
  });

  it('relies on every list without `first` holding plain values only, so counting it once is right', () => {
    const unpaged: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const list = isListType(getNullableType(field.type));
        const item = getNamedType(field.type);
        if (!list || field.args.some((argument) => argument.name === 'first') || !isObjectType(item)) continue;
        // The edges of a connection are counted by the paged field that holds them.
        if (type.name.endsWith('Connection') && field.name === 'edges') continue;
        const nested = Object.values(item.getFields()).filter(
          (child) => isCompositeType(getNamedType(child.type)) || isListType(getNullableType(child.type)),
        );
        if (nested.length > 0) unpaged.push(`${type.name}.${field.name}`);
      }
    }
    expect(unpaged).toEqual([]);
  });
});
