import type { SuggestedFollowResolvers } from '../generated/resolvers-types.js';

export const SuggestedFollow: SuggestedFollowResolvers = {
  user: ({ id }, _, { loaders }) => loaders.userById.load(id).then((user) => user!),
};
