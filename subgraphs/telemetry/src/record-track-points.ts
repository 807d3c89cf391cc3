import type { PrismaClient } from '@pacegraph/db';
import { activityStatesOf } from '@pacegraph/db/reads/activity';
import { ForbiddenError, NotFoundError, isUuid, requireViewer } from '@pacegraph/service-kit';
import { ActivityReason, recordingStatuses } from '@pacegraph/activity-rules';
import type { DroppedTrackPointValue, RejectedTrackPoint, TrackPoint } from '@pacegraph/track-math';
import {
  checkBatchSize,
  droppedFromStored,
  notRecording,
  screenAgainstStored,
  screenEachPoint,
  screenRaced,
  statusUnlessRecording,
} from './domain/record-track-points.js';
import type { RecordingActivities, RecordingActivity } from './recording-activities.js';
import { insertTrackPoints, storedPointsBySeq, storedPointsNear } from './store/track-points.js';

export interface RecordTrackPointsResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedTrackPoint[];
  /** Readings that cannot be (a heart rate of 400), left out of the fixes this call stored. */
  droppedValues: DroppedTrackPointValue[];
  /** The activity, and the fixes this call stored (for the live feed; not part of the GraphQL result). */
  activity: RecordingActivity;
  storedPoints: TrackPoint[];
}

/**
 * Stores a batch of fixes of the viewer's recording activity. Each fix is
 * checked on its own, against the stored fix with its seq (same data: a
 * duplicate; other data: refused), and against its neighbours for an
 * impossible speed. A refused fix never costs the valid ones beside it, and
 * a reading that cannot be costs only itself: the fix is stored without it.
 *
 * A batch costs two statements once its activity is known to this instance:
 * one read of the stored fixes around its seqs, one insert.
 */
export async function recordTrackPoints(
  prisma: PrismaClient,
  activities: RecordingActivities,
  viewerId: string | null,
  activityId: string,
  points: TrackPoint[],
  now = new Date(),
): Promise<RecordTrackPointsResult> {
  const athleteId = requireViewer(viewerId, 'record activities');
  checkBatchSize(points);
  const { activity, status } = isUuid(activityId) ? await activities.lookup(activityId.toLowerCase()) : { activity: null, status: null };
  if (!activity) throw new NotFoundError(ActivityReason.NotFound, 'No such activity');
  if (activity.athleteId !== athleteId) {
    throw new ForbiddenError(ActivityReason.NotOwner, "Only the activity's athlete may record its points");
  }
  // Read now, the status is checked now; remembered, it is checked by the insert.
  if ((status && !recordingStatuses.includes(status)) || !activity.startedAt) throw notRecording(status ?? 'NOT_STARTED');

  let screening = screenEachPoint(points, { startedAt: activity.startedAt, now });
  if (screening.candidates.size > 0) {
    const stored = await storedPointsNear(prisma, activity.id, [...screening.candidates.keys()]);
    screening = screenAgainstStored(screening, stored, activity.sport);
  }
  // Store; a seq a racing call stored first is a duplicate or a conflict like any other.
  const toStore = [...screening.candidates.values()];
  const stored = await insertTrackPoints(prisma, activity.id, toStore);
  if (toStore.length > 0 && stored.size === 0) {
    // An empty answer is also what a batch of only raced seqs gets: the status tells them apart.
    const [current] = await activityStatesOf(prisma, [activity.id]);
    const refusedFor = statusUnlessRecording(current?.status);
    // Completed or discarded meanwhile: nothing of this call was stored.
    if (refusedFor) throw notRecording(refusedFor);
  }
  const raced = toStore.filter((point) => !stored.has(point.seq));
  const winners =
    raced.length > 0
      ? await storedPointsBySeq(
          prisma,
          activity.id,
          raced.map((point) => point.seq),
        )
      : [];
  const { rejected, duplicates } = screenRaced(screening, raced, new Map(winners.map((point) => [point.seq, point])));
  const storedPoints = toStore.filter((point) => stored.has(point.seq));
  const droppedValues = droppedFromStored(screening, stored);
  return { accepted: stored.size, duplicates, rejected, droppedValues, activity, storedPoints };
}
