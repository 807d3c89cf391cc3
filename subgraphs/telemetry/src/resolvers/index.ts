import { DateTimeScalar } from '@pacegraph/service-kit';
import type { Resolvers } from '../generated/resolvers-types.js';
import { Activity } from './Activity.js';
import { LiveActivityUpdate, LivePoint } from './LiveActivityUpdate.js';
import { Mutation } from './Mutation.js';
import { Route } from './Route.js';
import { Subscription } from './Subscription.js';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Activity, LiveActivityUpdate, LivePoint, Mutation, Route, Subscription };
