import type { GraphQLDataSource } from '@apollo/gateway';
// Not re-exported by the package's index.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { athleteRelation, canViewActivity, followingMatters, type ActivityAudience, type Logger } from '@pacegraph/service-kit';
import type { GatewayContext } from './context.js';

/** Whether a viewer may have an event: yes, no, or not known just now (the check failed). */
export type Admission = 'ADMITTED' | 'REFUSED' | 'UNKNOWN';

/** Viewers checked in one call to social (its limit is 10,000). @default 5,000 */
const followerChecksPerCall = 5_000;
/** A check slower than this counts as failed: the stream's event waits for no one longer. @default 2 s */
const followerCheckTimeoutMs = 2_000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${followerCheckTimeoutMs} ms`)), followerCheckTimeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const followersAmongQuery = 'query ($athleteId: ID!, $userIds: [ID!]!) { followersAmong(athleteId: $athleteId, userIds: $userIds) }';

/**
 * Decides which viewers of a shared live stream may have an event, by the
 * one visibility policy. Where following the athlete decides (FOLLOWERS),
 * every viewer in question is checked in one call to the social subgraph,
 * asked again at each event so an unfollow takes effect at once.
 */
export class ActivityAdmission {
  constructor(
    private readonly social: GraphQLDataSource<GatewayContext>,
    private readonly log: Logger,
  ) {}

  async admit(audience: ActivityAudience, viewerIds: readonly (string | null)[]): Promise<Map<string | null, Admission>> {
    const asked = followingMatters(audience)
      ? [...new Set(viewerIds.filter((id): id is string => id !== null && id !== audience.athleteId))]
      : [];
    const followers = asked.length ? await this.followersAmong(audience.athleteId, asked) : new Set<string>();
    return new Map(
      viewerIds.map((viewerId) => {
        if (followers === null && viewerId !== null && asked.includes(viewerId)) return [viewerId, 'UNKNOWN'];
        const relation = athleteRelation(audience.athleteId, viewerId, viewerId !== null && followers?.has(viewerId) === true);
        return [viewerId, canViewActivity(audience, relation) ? 'ADMITTED' : 'REFUSED'];
      }),
    );
  }

  /** Of `userIds`, those who follow `athleteId`, asked in calls of at most 5,000; null when social could not say. */
  private async followersAmong(athleteId: string, userIds: string[]): Promise<Set<string> | null> {
    const calls = [];
    for (let start = 0; start < userIds.length; start += followerChecksPerCall) {
      calls.push(this.followersAmongOnce(athleteId, userIds.slice(start, start + followerChecksPerCall)));
    }
    const answers = await Promise.all(calls);
    return answers.includes(null) ? null : new Set(answers.flatMap((answer) => [...answer!]));
  }

  private async followersAmongOnce(athleteId: string, userIds: string[]): Promise<Set<string> | null> {
    const context: GatewayContext = { viewerId: null, fanOut: true };
    const request = { query: followersAmongQuery, variables: { athleteId, userIds } };
    try {
      const response = await withTimeout(
        this.social.process({
          kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
          request,
          context,
          incomingRequestContext: { request, context } as unknown as GatewayGraphQLRequestContext<GatewayContext>,
        }),
      );
      const ids = (response.data as { followersAmong?: unknown } | null | undefined)?.followersAmong;
      if (!Array.isArray(ids)) throw new Error(response.errors?.[0]?.message ?? 'no answer');
      return new Set(ids as string[]);
    } catch (error) {
      this.log.warn({ err: error, athleteId }, 'could not check followers of a live activity');
      return null;
    }
  }
}
