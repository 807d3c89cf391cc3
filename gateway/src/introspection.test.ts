import { getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { isIntrospectionOnly } from './introspection.js';

const operationOf = (query: string) => getOperationAST(parse(query))!;

describe('which operations the gateway answers as introspection itself', () => {
  it('takes the standard introspection query and other queries of __schema, __type and __typename alone', () => {
    expect(isIntrospectionOnly(operationOf(getIntrospectionQuery({ oneOf: true })))).toBe(true);
    expect(isIntrospectionOnly(operationOf('{ __type(name: "User") { name isOneOf } __typename }'))).toBe(true);
  });

  it('leaves to federation any operation that also reads data, however it is written', () => {
    expect(isIntrospectionOnly(operationOf('{ __schema { queryType { name } } me { id } }'))).toBe(false);
    expect(isIntrospectionOnly(operationOf('{ ...Root } fragment Root on Query { me { id } }'))).toBe(false);
    expect(isIntrospectionOnly(operationOf('{ ... on Query { me { id } } }'))).toBe(false);
    expect(isIntrospectionOnly(operationOf('mutation { __typename }'))).toBe(false);
  });
});
