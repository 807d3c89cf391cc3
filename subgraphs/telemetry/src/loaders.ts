import DataLoader from 'dataloader';
import type { PrismaClient } from '@pacegraph/db';
import { isUuid } from '@pacegraph/service-kit';
import { analyzeActivity, type Pause, type Sport, type TrackPoint } from '@pacegraph/track-math';

/** What stats are computed from: the activity's timing, its fixes and its explicit pauses. */
export interface RecordedActivity {
  sport: Sport;
  startedAt: Date | null;
  endedAt: Date | null;
  points: TrackPoint[];
  pauses: Pause[];
}

/** Per-request batch loaders: a page of activities costs a fixed number of queries. */
export function createLoaders(prisma: PrismaClient) {
  const loaders = {
    trackPointCountByActivity: new DataLoader<string, number>(async (requestedIds) => {
      // PostgreSQL prints UUIDs in lower case; an id asked for in upper case is the same activity.
      const activityIds = requestedIds.map((id) => id.toLowerCase());
      const groups = await prisma.trackPoint.groupBy({
        by: ['activityId'],
        where: { activityId: { in: activityIds.filter(isUuid) } },
        _count: { _all: true },
      });
      const counts = new Map(groups.map((group) => [group.activityId, group._count._all]));
      return activityIds.map((id) => counts.get(id) ?? 0);
    }),
    recordingByActivity: new DataLoader<string, RecordedActivity | null>(async (requestedIds) => {
      const activityIds = requestedIds.map((id) => id.toLowerCase());
      const wanted = activityIds.filter(isUuid);
      const [activities, points, events] = await Promise.all([
        prisma.activity.findMany({
          where: { id: { in: wanted } },
          select: { id: true, sport: true, startedAt: true, endedAt: true },
        }),
        prisma.trackPoint.findMany({ where: { activityId: { in: wanted } }, orderBy: [{ activityId: 'asc' }, { seq: 'asc' }] }),
        prisma.activityEvent.findMany({ where: { activityId: { in: wanted } }, orderBy: [{ activityId: 'asc' }, { seq: 'asc' }] }),
      ]);
      const recordings = new Map<string, RecordedActivity>(
        activities.map((activity) => [activity.id, { ...activity, sport: activity.sport as Sport, points: [], pauses: [] }]),
      );
      for (const point of points) recordings.get(point.activityId)?.points.push({ ...point, time: point.recordedAt });
      const pausedAt = new Map<string, Date>();
      for (const event of events) {
        if (event.kind === 'PAUSE') pausedAt.set(event.activityId, event.at);
        if (event.kind === 'RESUME' && pausedAt.has(event.activityId)) {
          recordings.get(event.activityId)?.pauses.push({ from: pausedAt.get(event.activityId)!, to: event.at });
          pausedAt.delete(event.activityId);
        }
      }
      // A pause still open runs to the stop (or, while paused, to now).
      for (const [activityId, from] of pausedAt) {
        const recording = recordings.get(activityId);
        recording?.pauses.push({ from, to: recording.endedAt ?? new Date() });
      }
      return activityIds.map((id) => recordings.get(id) ?? null);
    }),
  };
  return { ...loaders, analysisByActivity: createAnalysisLoader(loaders.recordingByActivity) };
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
