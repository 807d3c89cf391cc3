import type { PrismaClient } from '@pacegraph/db';
import type { Loaders } from './loaders.js';

export interface SocialContext {
  viewerId: string | null;
  prisma: PrismaClient;
  /** Signs the tokens signUp and logIn return. */
  jwtSecret: string;
  loaders: Loaders;
}


