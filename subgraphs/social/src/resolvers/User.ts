import type { SocialContext } from '../context.js';

export const User = {
  __resolveReference: ({ id }: { id: string }, { loaders }: SocialContext) => loaders.userById.load(id),
};
