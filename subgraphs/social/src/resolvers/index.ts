import { DateTimeScalar } from '@pacegraph/service-kit';
import type { Resolvers } from '../generated/resolvers-types.js';
import { Activity } from './Activity.js';
import { Comment } from './Comment.js';
import { FollowingLiveEvent } from './FollowingLiveEvent.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';
import { Subscription } from './Subscription.js';
import { SuggestedFollow } from './SuggestedFollow.js';
import { User } from './User.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Subscription,
  User,
  Activity,
  Comment,
  SuggestedFollow,
  FollowingLiveEvent,
};
