import type { QueryResolvers } from '../generated/resolvers-types.js';

export const Query: QueryResolvers = {
  me: (_, __, { viewerId, loaders }) => (viewerId ? loaders.userById.load(viewerId) : null),
  user: (_, { id }, { loaders }) => loaders.userById.load(id),
};
