import type { SocialContext } from '../context.js';
import { logIn, signUp } from '../domain/accounts.js';

export interface SignUpArgs {
  input: { name: string; email: string; password: string };
}
export interface LogInArgs {
  input: { email: string; password: string };
}

export const Mutation = {
  signUp: (_: unknown, { input }: SignUpArgs, { prisma, jwtSecret }: SocialContext) =>
    signUp(prisma, jwtSecret, input),
  logIn: (_: unknown, { input }: LogInArgs, { prisma, jwtSecret }: SocialContext) => logIn(prisma, jwtSecret, input),
};
