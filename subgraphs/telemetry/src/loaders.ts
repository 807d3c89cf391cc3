import DataLoader from 'dataloader';
import type { ArchivedTrack, PrismaClient } from '@pacegraph/db';
import { activityEventsOf, activityStatesOf } from '@pacegraph/db/reads/activity';
import { maxHeartRatesOf, privacyZoneShapesOf } from '@pacegraph/db/reads/social';
import { athleteRelationLoader, audienceLoader, rowsByIdLoader } from '@pacegraph/subgraph-host';
import { analyzeActivity, heartRateProfileOf, pausesOf, type HeartRateProfile, type PrivacyZoneShape } from '@pacegraph/track-math';
import { privacyZoneShapesByAthlete } from './domain/privacy-zone-shapes.js';
import { mergedBySeq, type RecordedActivity } from './domain/recording.js';
import { archivedPointsByActivity } from './domain/track-archive.js';
import { archivedChunks, archivedPointCounts, archivedTracksOf } from './store/archived-tracks.js';
import { hotPointCounts, hotPointRows, hotPointsByActivity } from './store/track-points.js';

/** Where a read that finds a finished activity's fixes still hot asks for them to be archived. */
export interface ArchiveRequests {
  archiveSoon(activityId: string): Promise<void>;
}

/** An archived track as a row of its activity's id. */
const byActivityId = (track: ArchivedTrack) => ({ ...track, id: track.activityId });

/** Per-request batch loaders: a page of activities costs a fixed number of queries. */
export function createLoaders(prisma: PrismaClient, viewerId: string | null, archiver?: ArchiveRequests) {
  const archivedTrackByActivity = rowsByIdLoader(async (ids) => (await archivedTracksOf(prisma, ids)).map(byActivityId));

  /** How many fixes each activity has, hot and archived together (`pointCount`, 0 without any). */
  const trackPointCountByActivity = rowsByIdLoader(async (ids) => {
    // One snapshot, so that fixes being archived are counted once (see recordingByActivity).
    const [groups, tracks] = await prisma.$transaction([hotPointCounts(prisma, ids), archivedPointCounts(prisma, ids)], {
      isolationLevel: 'RepeatableRead',
    });
    const hot = new Map(groups.map((group) => [group.activityId, group._count._all]));
    const archived = new Map(tracks.map((track) => [track.activityId, track.pointCount]));
    return ids.map((id) => ({ id, pointCount: (hot.get(id) ?? 0) + (archived.get(id) ?? 0) }));
  });

  const recordingByActivity = rowsByIdLoader<RecordedActivity>(async (ids) => {
    // One snapshot (a batch transaction): the archiver moves fixes from hot to cold in one transaction,
    // and reads apart could see them in both places or in neither.
    const [activities, hotRows, chunks, events, archivedTracks] = await prisma.$transaction(
      [
        activityStatesOf(prisma, ids),
        hotPointRows(prisma, ids),
        archivedChunks(prisma, ids),
        activityEventsOf(prisma, ids),
        archivedTracksOf(prisma, ids),
      ],
      { isolationLevel: 'RepeatableRead' },
    );
    const hot = hotPointsByActivity(hotRows);
    const archived = archivedPointsByActivity(chunks);
    // Archived since this request first looked: what it reads of the archive from now on is this snapshot's.
    for (const track of archivedTracks) archivedTrackByActivity.clear(track.activityId).prime(track.activityId, byActivityId(track));
    return activities.map(({ id, athleteId, sport, status, startedAt, endedAt }) => {
      const hotPoints = hot.get(id) ?? [];
      // Finished, but its fixes are still hot: this instance missed the announcement.
      if (hotPoints.length > 0 && (status === 'COMPLETED' || status === 'DISCARDED')) void archiver?.archiveSoon(id);
      return {
        id,
        athleteId,
        sport,
        status,
        startedAt,
        endedAt,
        points: mergedBySeq(archived.get(id) ?? [], hotPoints),
        pauses: pausesOf(
          events.filter((event) => event.activityId === id),
          endedAt,
        ),
      };
    });
  });

  /** The viewer's relation to each athlete: who may see which activity. */
  const relationToAthlete = athleteRelationLoader(prisma, viewerId);
  /** Each activity's audience (athlete, visibility, status: who may see it), with the viewer's follow of its athlete. */
  const activityById = audienceLoader(prisma, viewerId, relationToAthlete);

  const privacyZonesByAthlete = new DataLoader<string, PrivacyZoneShape[]>(async (athleteIds) => {
    const shapes = privacyZoneShapesByAthlete(athleteIds, await privacyZoneShapesOf(prisma, athleteIds));
    return athleteIds.map((id) => shapes.get(id) ?? []);
  });

  /** Each athlete's heart-rate profile, from the maximum they stated (the default's otherwise). */
  const heartRateProfileByAthlete = new DataLoader<string, HeartRateProfile>(async (athleteIds) => {
    const stated = new Map((await maxHeartRatesOf(prisma, athleteIds)).map((row) => [row.athleteId, row.maxHeartRateBpm]));
    return athleteIds.map((id) => heartRateProfileOf(stated.get(id) ?? null));
  });

  return {
    activityById,
    relationToAthlete,
    archivedTrackByActivity,
    privacyZonesByAthlete,
    trackPointCountByActivity,
    recordingByActivity,
    heartRateProfileByAthlete,
    analysisByActivity: createAnalysisLoader(recordingByActivity, heartRateProfileByAthlete),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

/** An activity analysed once per request, however many of its fields are asked for; heart rate against its athlete's profile. */
function createAnalysisLoader(
  recordingByActivity: DataLoader<string, RecordedActivity | null>,
  heartRateProfileByAthlete: DataLoader<string, HeartRateProfile>,
) {
  return new DataLoader<string, ReturnType<typeof analyzeActivity> | null>(async (ids) => {
    const recordings = await recordingByActivity.loadMany(ids);
    return Promise.all(
      recordings.map(async (recording) => {
        if (recording instanceof Error) return recording;
        if (!recording?.startedAt) return null;
        const heartRateProfile = await heartRateProfileByAthlete.load(recording.athleteId);
        return analyzeActivity({ ...recording, startedAt: recording.startedAt, heartRateProfile });
      }),
    );
  });
}
