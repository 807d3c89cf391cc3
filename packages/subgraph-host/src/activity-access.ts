import type DataLoader from 'dataloader';
import { athleteRelation, canViewActivity, followingMatters, type ActivityAudience, type AthleteRelation } from '@pacegraph/service-kit';

/** An activity row that says who may see it. */
export type AudienceRow = ActivityAudience & { id: string };

/** What deciding whether the viewer sees an activity takes: a subgraph's request context has it. */
export interface ActivityAccess<Row extends AudienceRow> {
  /** The request's viewer; null when signed out. */
  viewerId: string | null;
  /**
   * The gateway asking on behalf of many viewers it checks itself against the
   * event's audience (a live event fanned out): see `Identity.fanOut`.
   */
  fanOut: boolean;
  loaders: {
    /** Each activity with its audience, batched per request. */
    activityById: DataLoader<string, Row | null>;
    /** The viewer's relation to each athlete, batched per request. */
    relationToAthlete: DataLoader<string, AthleteRelation>;
  };
}

/**
 * The activity when the viewer may see it, else null: the one check every
 * subgraph's `Activity.__resolveReference` makes, and every field that reaches
 * an activity from another type (a comment's activity, a live update's), so
 * that no path through the graph goes around the visibility policy.
 *
 * The viewer's follows are read only where they decide (a FOLLOWERS activity
 * of someone else), so a page of activities costs at most one more query.
 */
export async function visibleActivity<Row extends AudienceRow>(access: ActivityAccess<Row>, id: string): Promise<Row | null> {
  const activity = await access.loaders.activityById.load(id);
  if (!activity || access.fanOut) return activity;
  const relation = followingMatters(activity)
    ? await access.loaders.relationToAthlete.load(activity.athleteId)
    : athleteRelation(activity.athleteId, access.viewerId, false);
  return canViewActivity(activity, relation) ? activity : null;
}

/** {@link visibleActivity} as a reference (`{ id }`): what `__resolveReference` and reference fields return. */
export async function visibleActivityReference<Row extends AudienceRow>(
  access: ActivityAccess<Row>,
  id: string,
): Promise<{ id: string } | null> {
  const activity = await visibleActivity(access, id);
  return activity ? { id: activity.id } : null;
}
