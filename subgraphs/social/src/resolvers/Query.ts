import { pageSize } from '../domain/connections.js';
import { searchAthletes } from '../athlete-search.js';
import { feedPage } from '../activity-lists.js';
import { tokenVersions } from '../accounts.js';
import { followersAmong } from '../follows.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';

export const Query: QueryResolvers = {
  me: (_, __, { viewerId, loaders }) => (viewerId ? loaders.userById.load(viewerId) : null),
  user: (_, { id }, { loaders }) => loaders.userById.load(id),
  feed: (_, { first, after }, { prisma, viewerId }) => feedPage(prisma, viewerId, pageSize(first), after),
  searchAthletes: async (_, { query, first, after }, context) => {
    if (context.viewerId) await context.throttles.search(context.viewerId);
    return searchAthletes(context, query, pageSize(first), after);
  },
  followersAmong: (_, { athleteId, userIds }, { prisma, fanOut }) => followersAmong(prisma, fanOut, athleteId, userIds),
  tokenVersions: (_, { userIds }, { prisma, fanOut }) => tokenVersions(prisma, fanOut, userIds),
};
