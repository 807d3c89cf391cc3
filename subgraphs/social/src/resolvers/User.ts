import type { UserResolvers } from '../generated/resolvers-types.js';

export const User: UserResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.userById.load(id),
};
