import { buildSchema, parse, validate } from 'graphql';
import { depthLimitRule } from './query-limits.js';

const schema = buildSchema(`
  type User { name: String, friend: User }
  type Query { me: User }
`);

const errorsOf = (query: string, maxDepth: number) =>
  validate(schema, parse(query), [depthLimitRule(maxDepth)]).map((error) => error.message);

describe('the query depth limit', () => {
  it('lets a query as deep as the limit through', () => {
    expect(errorsOf('{ me { friend { name } } }', 3)).toEqual([]);
  });

  it('refuses a deeper one, counting through fragments and inline fragments', () => {
    expect(errorsOf('{ me { friend { friend { name } } } }', 3)).toEqual([
      'Query is nested 4 levels deep; the limit is 3',
    ]);
    expect(
      errorsOf('query { me { ...F } } fragment F on User { friend { ... on User { friend { name } } } }', 3),
    ).toEqual(['Query is nested 4 levels deep; the limit is 3']);
  });
});
