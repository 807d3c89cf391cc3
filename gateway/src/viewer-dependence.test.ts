import { buildSchema, parse } from 'graphql';
import { selectsAnyField, taggedFields, viewerDependentTag } from './viewer-dependence.js';

const supergraph = `
  directive @tag(name: String!) repeatable on FIELD_DEFINITION
  type Query { activity(id: ID!): Activity }
  type Activity { id: ID! title: String hasMyKudos: Boolean! @tag(name: "viewer-dependent") kudosCount: Int! @tag(name: "public") }
`;

describe('viewer-dependent fields', () => {
  const fields = taggedFields(supergraph, viewerDependentTag);
  const schema = buildSchema(supergraph);

  it('finds the fields tagged viewer-dependent, and no others', () => {
    expect([...fields]).toEqual(['Activity.hasMyKudos']);
  });

  it('tells an operation that selects one, directly or through a fragment, from one that does not', () => {
    expect(selectsAnyField(schema, parse('{ activity(id: "1") { title kudosCount } }'), fields)).toBe(false);
    expect(selectsAnyField(schema, parse('{ activity(id: "1") { title hasMyKudos } }'), fields)).toBe(true);
    expect(selectsAnyField(schema, parse('{ activity(id: "1") { ...F } } fragment F on Activity { mine: hasMyKudos }'), fields)).toBe(true);
  });
});
