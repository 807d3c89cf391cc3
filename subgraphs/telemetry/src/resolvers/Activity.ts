import type { ActivityResolvers } from '../generated/resolvers-types.js';

export const Activity: ActivityResolvers = {
  __resolveReference: (reference) => reference,
  trackPointCount: ({ id }, _, { loaders }) => loaders.trackPointCountByActivity.load(id),
};
