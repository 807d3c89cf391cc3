import { LRUCache } from 'lru-cache';
import type { Sport } from '@pacegraph/activity-rules';
import type { PrismaClient } from '@pacegraph/db';
import { activityStatesOf } from '@pacegraph/db/reads/activity';

/** What recording fixes needs to know of an activity: none of it changes once it has started. */
export interface RecordingActivity {
  id: string;
  athleteId: string;
  sport: Sport;
  /** Null until it starts (and until then, it is not remembered). */
  startedAt: Date | null;
}

/** What a lookup found. */
export interface ActivityLookup {
  /** Null when there is no such activity. */
  activity: RecordingActivity | null;
  /** The status, when it was read now; null when the activity came from memory (or does not exist). */
  status: string | null;
}

/**
 * The started activities this instance has recently taken fixes for. A phone
 * sends a batch every few seconds for an hour or more; its activity's owner,
 * sport and start never change once started, so they are read once, not per
 * batch. Whether the activity is still recording is not cached: the insert
 * checks it under a row lock.
 */
export class RecordingActivities {
  /** At most 100,000 activities (about 20 MB). */
  private readonly cache = new LRUCache<string, RecordingActivity>({ max: 100_000 });

  constructor(private readonly prisma: PrismaClient) {}

  /** The activity (lower-case UUID), from memory or the database. */
  async lookup(activityId: string): Promise<ActivityLookup> {
    const cached = this.cache.get(activityId);
    if (cached) return { activity: cached, status: null };
    const [activity] = await activityStatesOf(this.prisma, [activityId]);
    if (!activity) return { activity: null, status: null };
    const { id, athleteId, sport, startedAt, status } = activity;
    const found: RecordingActivity = { id, athleteId, sport, startedAt };
    if (found.startedAt) this.cache.set(activityId, found);
    return { activity: found, status };
  }
}
