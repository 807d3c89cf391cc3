import DataLoader from 'dataloader';
import type { ArchivedTrack, PrismaClient } from '@pacegraph/db';
import { activityEventsOf, activityStatesOf } from '@pacegraph/db/reads/activity';
import { privacyZoneShapesOf } from '@pacegraph/db/reads/social';
import { isUuid } from '@pacegraph/service-kit';
import { athleteRelationLoader, audienceLoader } from '@pacegraph/subgraph-host';
import { analyzeActivity, pausesOf, type PrivacyZoneShape, type Sport } from '@pacegraph/track-math';
import { privacyZoneShapesByAthlete } from './domain/privacy-zone-shapes.js';
import { mergedBySeq, type RecordedActivity } from './domain/recording.js';
import { archivedPointsByActivity } from './domain/track-archive.js';
import { archivedChunks, archivedPointCounts, archivedTracksOf } from './store/archived-tracks.js';
import { hotPointCounts, hotPointRows, hotPointsByActivity } from './store/track-points.js';

/** Where a read that finds a finished activity's fixes still hot asks for them to be archived. */
export interface ArchiveRequests {
  archiveSoon(activityId: string): Promise<void>;
}

/** Ids as PostgreSQL prints them (lower case), and those that can be UUIDs at all. */
function normalized(requestedIds: readonly string[]) {
  const activityIds = requestedIds.map((id) => id.toLowerCase());
  return { activityIds, wanted: activityIds.filter(isUuid) };
}

/** Per-request batch loaders: a page of activities costs a fixed number of queries. */
export function createLoaders(prisma: PrismaClient, viewerId: string | null, archiver?: ArchiveRequests) {
  const archivedTrackByActivity = new DataLoader<string, ArchivedTrack | null>(async (requestedIds) => {
    const { activityIds, wanted } = normalized(requestedIds);
    const tracks = await archivedTracksOf(prisma, wanted);
    const byId = new Map(tracks.map((track) => [track.activityId, track]));
    return activityIds.map((id) => byId.get(id) ?? null);
  });

  const trackPointCountByActivity = new DataLoader<string, number>(async (requestedIds) => {
    const { activityIds, wanted } = normalized(requestedIds);
    // One snapshot, so that fixes being archived are counted once (see recordingByActivity).
    const [groups, tracks] = await prisma.$transaction([hotPointCounts(prisma, wanted), archivedPointCounts(prisma, wanted)], {
      isolationLevel: 'RepeatableRead',
    });
    const hot = new Map(groups.map((group) => [group.activityId, group._count._all]));
    const archived = new Map(tracks.map((track) => [track.activityId, track.pointCount]));
    return activityIds.map((id) => (hot.get(id) ?? 0) + (archived.get(id) ?? 0));
  });

  const recordingByActivity = new DataLoader<string, RecordedActivity | null>(async (requestedIds) => {
    const { activityIds, wanted } = normalized(requestedIds);
    // One snapshot (a batch transaction): the archiver moves fixes from hot to cold in one transaction,
    // and reads apart could see them in both places or in neither.
    const [activities, hotRows, chunks, events, archivedTracks] = await prisma.$transaction(
      [
        activityStatesOf(prisma, wanted),
        hotPointRows(prisma, wanted),
        archivedChunks(prisma, wanted),
        activityEventsOf(prisma, wanted),
        archivedTracksOf(prisma, wanted),
      ],
      { isolationLevel: 'RepeatableRead' },
    );
    const hot = hotPointsByActivity(hotRows);
    const archived = archivedPointsByActivity(chunks);
    // Archived since this request first looked: what it reads of the archive from now on is this snapshot's.
    const archivedNow = new Map(archivedTracks.map((track) => [track.activityId, track]));
    requestedIds.forEach((requested, index) => {
      const track = archivedNow.get(activityIds[index]!);
      if (track) archivedTrackByActivity.clear(requested).prime(requested, track);
    });
    const recordings = new Map<string, RecordedActivity>();
    for (const activity of activities) {
      const hotPoints = hot.get(activity.id) ?? [];
      // Finished, but its fixes are still hot: this instance missed the announcement.
      if (hotPoints.length > 0 && (activity.status === 'COMPLETED' || activity.status === 'DISCARDED')) {
        void archiver?.archiveSoon(activity.id);
      }
      recordings.set(activity.id, {
        sport: activity.sport as Sport,
        status: activity.status,
        startedAt: activity.startedAt,
        endedAt: activity.endedAt,
        points: mergedBySeq(archived.get(activity.id) ?? [], hotPoints),
        pauses: pausesOf(
          events.filter((event) => event.activityId === activity.id),
          activity.endedAt,
        ),
      });
    }
    return activityIds.map((id) => recordings.get(id) ?? null);
  });

  /** The viewer's relation to each athlete: who may see which activity. */
  const relationToAthlete = athleteRelationLoader(prisma, viewerId);
  /** Each activity's audience (athlete, visibility, status: who may see it), with the viewer's follow of its athlete. */
  const activityById = audienceLoader(prisma, viewerId, relationToAthlete);

  const privacyZonesByAthlete = new DataLoader<string, PrivacyZoneShape[]>(async (athleteIds) => {
    const shapes = privacyZoneShapesByAthlete(athleteIds, await privacyZoneShapesOf(prisma, athleteIds));
    return athleteIds.map((id) => shapes.get(id) ?? []);
  });

  return {
    activityById,
    relationToAthlete,
    archivedTrackByActivity,
    privacyZonesByAthlete,
    trackPointCountByActivity,
    recordingByActivity,
    analysisByActivity: createAnalysisLoader(recordingByActivity),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

/** An activity analysed once per request, however many of its fields are asked for. */
function createAnalysisLoader(recordingByActivity: DataLoader<string, RecordedActivity | null>) {
  return new DataLoader<string, ReturnType<typeof analyzeActivity> | null>(async (ids) => {
    const recordings = await recordingByActivity.loadMany(ids);
    return recordings.map((recording) => {
      if (recording instanceof Error) return recording;
      if (!recording?.startedAt) return null;
      return analyzeActivity({ ...recording, startedAt: recording.startedAt });
    });
  });
}
