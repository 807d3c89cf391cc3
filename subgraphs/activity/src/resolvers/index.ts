import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { DateTimeScalar } from '@pacegraph/service-kit';
import { Activity } from './Activity.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

// Each resolver types its own context; buildSubgraphSchema takes them untyped.
export const resolvers = { DateTime: DateTimeScalar, Query, Mutation, Activity } as GraphQLResolverMap<unknown>;
