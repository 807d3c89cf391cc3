import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { Activity } from './Activity.js';

// Each resolver types its own context; buildSubgraphSchema takes them untyped.
export const resolvers = { Activity } as GraphQLResolverMap<unknown>;
