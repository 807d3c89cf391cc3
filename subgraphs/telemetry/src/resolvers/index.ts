import type { Resolvers } from '../generated/resolvers-types.js';
import { Activity } from './Activity.js';

export const resolvers: Resolvers = { Activity };
