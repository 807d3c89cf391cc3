import type { SocialContext } from '../context.js';

export const Query = {
  me: (_: unknown, __: unknown, { viewerId, loaders }: SocialContext) =>
    viewerId ? loaders.userById.load(viewerId) : null,
  user: (_: unknown, { id }: { id: string }, { loaders }: SocialContext) => loaders.userById.load(id),
};
