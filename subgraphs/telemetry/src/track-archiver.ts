import type { PrismaClient } from '@pacegraph/db';
import { activityEventsOf, activityStatesOf, lockActivityRow } from '@pacegraph/db/reads/activity';
import { maxHeartRatesOf } from '@pacegraph/db/reads/social';
import { activityStatusTopic, isActivityStatusEvent, type EventBus, type Logger } from '@pacegraph/service-kit';
import type { BackgroundWorker } from '@pacegraph/subgraph-host';
import { heartRateProfileOf } from '@pacegraph/track-math';
import { archiveOf, type ArchiveOutcome } from './domain/track-archive.js';
import { insertArchivedTrack, isArchived } from './store/archived-tracks.js';
import { deleteTrackPoints, hotPointsOf } from './store/track-points.js';

/**
 * Moves a completed activity's fixes from the hot table into their cold form
 * (delta-encoded chunks) beside the stats, route and point count computed from
 * them, in one transaction; a discarded activity's fixes are dropped. Safe to
 * call any number of times, from any number of instances: archivers of one
 * activity take turns on its row, and the second finds the work done.
 *
 * Once an activity is COMPLETED no fix can join the hot table (the insert
 * checks the status under a row lock), so what is read here is final.
 */
export async function archiveTrack(prisma: PrismaClient, activityId: string): Promise<ArchiveOutcome> {
  const [[activity], archived] = await Promise.all([activityStatesOf(prisma, [activityId]), isArchived(prisma, activityId)]);
  if (!activity) return 'not-found';
  if (activity.status === 'DISCARDED') {
    await deleteTrackPoints(prisma, activityId);
    return 'dropped';
  }
  const { startedAt } = activity;
  if (activity.status !== 'COMPLETED' || !startedAt) return 'still-recording';
  if (archived) return 'already-archived';

  const [hot, events, [stated]] = await Promise.all([
    hotPointsOf(prisma, [activityId]),
    activityEventsOf(prisma, [activityId]),
    maxHeartRatesOf(prisma, [activity.athleteId]),
  ]);
  const heartRateProfile = heartRateProfileOf(stated?.maxHeartRateBpm ?? null);
  const { track, chunks } = archiveOf(activityId, { ...activity, startedAt }, hot.get(activityId) ?? [], events, heartRateProfile);

  return prisma.$transaction(async (tx) => {
    // Archivers of one activity take turns here; the later one finds the work done.
    await lockActivityRow(tx, activityId);
    if (await isArchived(tx, activityId)) return 'already-archived' as const;
    await insertArchivedTrack(tx, track, chunks);
    await deleteTrackPoints(tx, activityId);
    return 'archived' as const;
  });
}

/**
 * Archives tracks in the background: when the activity subgraph announces a
 * completed or discarded activity, and when a read finds a finished activity
 * whose fixes are still hot (an announcement this instance missed). One run
 * per activity at a time in this process; other instances are kept out by
 * the archive's row lock.
 */
export class TrackArchiver implements BackgroundWorker {
  private readonly running = new Map<string, Promise<void>>();
  private unsubscribe: (() => Promise<void>) | null = null;
  private closed = false;

  private constructor(
    private readonly prisma: PrismaClient,
    private readonly log: Logger,
  ) {}

  static async start({ prisma, bus, log }: { prisma: PrismaClient; bus: EventBus; log: Logger }): Promise<TrackArchiver> {
    const archiver = new TrackArchiver(prisma, log);
    archiver.unsubscribe = await bus.subscribe(activityStatusTopic, (message) => {
      if (!isActivityStatusEvent(message)) return log.warn({ message }, 'ignored a malformed activity status event');
      if (message.status === 'COMPLETED' || message.status === 'DISCARDED') void archiver.archiveSoon(message.activityId);
    });
    return archiver;
  }

  /** Archives (or drops) the activity's fixes in the background; resolves when done. Never rejects. */
  archiveSoon(activityId: string): Promise<void> {
    const underWay = this.running.get(activityId);
    if (underWay || this.closed) return underWay ?? Promise.resolve();
    const run = archiveTrack(this.prisma, activityId)
      .then((outcome) => this.log.debug({ activityId, outcome }, 'archived track'))
      .catch((error: unknown) => this.log.error({ err: error, activityId }, 'could not archive a track'))
      .finally(() => this.running.delete(activityId));
    this.running.set(activityId, run);
    return run;
  }

  /** Stops listening and waits for the runs under way. */
  async close(): Promise<void> {
    this.closed = true;
    await this.unsubscribe?.();
    await Promise.all(this.running.values());
  }
}
