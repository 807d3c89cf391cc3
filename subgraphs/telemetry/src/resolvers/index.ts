import { DateTimeScalar } from '@pacegraph/service-kit';
import type { Resolvers } from '../generated/resolvers-types.js';
import { Activity } from './Activity.js';
import { Mutation } from './Mutation.js';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Activity, Mutation };
