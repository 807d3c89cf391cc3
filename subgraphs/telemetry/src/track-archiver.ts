import type { PrismaClient } from '@pacegraph/db';
import { activityStatusTopic, isActivityStatusEvent, type EventBus, type Logger } from '@pacegraph/service-kit';
import type { BackgroundWorker } from '@pacegraph/subgraph-host';
import { archiveTrack } from './domain/track-archive.js';

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
