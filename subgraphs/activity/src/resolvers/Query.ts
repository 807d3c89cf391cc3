import { visibleActivity } from '../domain/visible-activity.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';

export const Query: QueryResolvers = {
  activity: (_, { id }, { loaders }) => visibleActivity(loaders, id),
};
