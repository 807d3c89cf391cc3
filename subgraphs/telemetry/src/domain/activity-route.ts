import type { VisibleRoute } from '@pacegraph/track-math';

/**
 * An activity's route as one viewer sees it. Where its fixes end (`lastFixAt`,
 * `endsHidden`) is read from the fixes only when asked for: the feed draws
 * routes of archived activities without decoding their tracks.
 */
export interface ActivityRoute extends VisibleRoute {
  bounds: NonNullable<VisibleRoute['bounds']>;
  activityId: string;
  /** Whether the viewer sees the route cut at the athlete's privacy zones. */
  cutAtZones: boolean;
}
