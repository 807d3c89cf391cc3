import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { DateTimeScalar } from '@pacegraph/service-kit';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';
import { User } from './User.js';

// Each resolver types its own context; buildSubgraphSchema takes them untyped.
export const resolvers = { DateTime: DateTimeScalar, Query, Mutation, User } as GraphQLResolverMap<unknown>;
