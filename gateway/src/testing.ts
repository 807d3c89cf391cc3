// Test support, apart from the runtime entry: what the gateway's own tests and
// the stack's end-to-end tests share. `@pacegraph/gateway/testing`.
import { getIntrospectionQuery } from 'graphql';

/**
 * Everything graphql-js's introspection query can ask, `__Type.isOneOf`
 * included: what graphql-codegen, GraphiQL, Apollo Sandbox and rover send, or less.
 */
export const fullIntrospectionQuery = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});
