import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { aliasLimitRule, depthLimitRule, maxQueryDepth, maxQueryTokens } from './query-limits.js';
import { fullIntrospectionQuery } from './testing.js';

const schema = buildSchema(`
  type User { name: String, friend: User }
  type Query { me: User }
`);

const errorsOf = (query: string, maxDepth: number, maxAliases = 15) =>
  validate(schema, parse(query), [depthLimitRule(maxDepth), aliasLimitRule(maxAliases)]).map((error) => error.message);

describe('the query depth limit', () => {
  it('lets a query as deep as the limit through', () => {
    expect(errorsOf('{ me { friend { name } } }', 3)).toEqual([]);
  });

  it('refuses a deeper one, counting through fragments and inline fragments', () => {
    expect(errorsOf('{ me { friend { friend { name } } } }', 3)).toEqual(['Query is nested 4 levels deep; the limit is 3']);
    expect(errorsOf('query { me { ...F } } fragment F on User { friend { ... on User { friend { name } } } }', 3)).toEqual([
      'Query is nested 4 levels deep; the limit is 3',
    ]);
  });

  it('measures each fragment once, so fragments spreading each other twice stay cheap', () => {
    // 2^40 walks without memoising; this finishes at once with it, or times the test out without.
    const fragments = Array.from(
      { length: 40 },
      (_, index) => `fragment F${index} on User { friend { ...F${index + 1} } ...F${index + 1} }`,
    ).join(' ');
    const query = `{ me { ...F0 } } ${fragments} fragment F40 on User { name }`;
    expect(errorsOf(query, 100)).toEqual([]);
    expect(errorsOf(query, 30)).toEqual(['Query is nested 42 levels deep; the limit is 30']);
  });
});

describe('introspection and the depth limit', () => {
  const defaultErrorsOf = (query: string) =>
    validate(schema, parse(query, { maxTokens: maxQueryTokens }), [...specifiedRules, depthLimitRule(), aliasLimitRule()]).map(
      (error) => error.message,
    );

  it('lets the standard introspection query through, within the token limit too', () => {
    expect(defaultErrorsOf(fullIntrospectionQuery)).toEqual([]);
    expect(defaultErrorsOf(getIntrospectionQuery())).toEqual([]);
  });

  it('lets a __type query with a deep ofType chain through', () => {
    const ofTypes = (levels: number): string => (levels === 0 ? 'name' : `name ofType { ${ofTypes(levels - 1)} }`);
    expect(defaultErrorsOf(`{ __type(name: "User") { fields { type { ${ofTypes(maxQueryDepth)} } } } }`)).toEqual([]);
  });

  it('still limits the real fields of a query that also introspects', () => {
    const friends = (levels: number): string => (levels === 0 ? 'name' : `friend { ${friends(levels - 1)} }`);
    expect(defaultErrorsOf(`{ __schema { queryType { name } } me { ${friends(maxQueryDepth)} } }`)).toEqual([
      `Query is nested ${maxQueryDepth + 2} levels deep; the limit is ${maxQueryDepth}`,
    ]);
  });

  it("leaves introspection that recurses through types' fields to graphql's own introspection depth rule", () => {
    const errors = defaultErrorsOf(
      '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }',
    );
    expect(errors).toEqual([expect.stringMatching(/introspection/i)]);
  });
});

describe('the alias limit', () => {
  it('lets up to the limit through and refuses one more, once', () => {
    const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: me { name }`).join(' ')} }`;
    expect(errorsOf(aliased(3), 5, 3)).toEqual([]);
    expect(errorsOf(aliased(5), 5, 3)).toEqual(['Query has more than 3 aliased fields']);
  });
});
