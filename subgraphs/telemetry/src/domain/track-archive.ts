import type { Sport } from '@pacegraph/activity-rules';
import type { ArchivedTrack } from '@pacegraph/db';
import {
  analyzeActivity,
  computeRoute,
  defaultHeartRateProfile,
  emptyHeartRateZones,
  pausesOf,
  type ActivityStats,
  type LifecycleEvent,
  type Route,
  type TrackPoint,
} from '@pacegraph/track-math';
import { chunkTrack, decodeTrackChunk, encodeTrackChunk } from './track-codec.js';

/** What archiving did with an activity's fixes. */
export type ArchiveOutcome = 'archived' | 'already-archived' | 'dropped' | 'still-recording' | 'not-found';

/** A completed activity as archiving reads it. */
export interface FinishedActivity {
  sport: Sport;
  startedAt: Date;
  endedAt: Date | null;
}

/** An archived track as stored: the stats, route and point count computed from the fixes. */
export interface ArchivedTrackRecord extends Omit<ActivityStats, 'heartRateZones'> {
  activityId: string;
  /** Moving seconds in heart-rate zones 1 to 5; empty without readings. */
  heartRateZoneSeconds: number[];
  pointCount: number;
  polyline: string;
  routePointCount: number;
  south?: number;
  west?: number;
  north?: number;
  east?: number;
}

/** Consecutive fixes in their cold form. */
export interface TrackChunkRecord {
  activityId: string;
  firstSeq: number;
  pointCount: number;
  data: Uint8Array<ArrayBuffer>;
}

/**
 * The cold form of a completed activity's fixes (in seq order): its stats,
 * route and point count, and the fixes delta-encoded in chunks.
 */
export function archiveOf(
  activityId: string,
  activity: FinishedActivity,
  points: TrackPoint[],
  events: readonly LifecycleEvent[],
): { track: ArchivedTrackRecord; chunks: TrackChunkRecord[] } {
  const { sport, startedAt, endedAt } = activity;
  const { stats, profile } = analyzeActivity({ sport, startedAt, endedAt, points, pauses: pausesOf(events, endedAt) });
  const route = computeRoute(profile);
  const chunks = chunkTrack(points).map((chunk) => ({
    activityId,
    firstSeq: chunk[0]!.seq,
    pointCount: chunk.length,
    data: encodeTrackChunk(chunk),
  }));
  const { heartRateZones, ...figures } = stats;
  const track = {
    activityId,
    pointCount: points.length,
    ...figures,
    heartRateZoneSeconds: heartRateZones?.map((zone) => zone.seconds) ?? [],
    polyline: route.polyline,
    routePointCount: route.pointCount,
    ...route.bounds,
  };
  return { track, chunks };
}

/** Archived chunks decoded, by activity (chunks ordered by activity, then first seq). */
export function archivedPointsByActivity(chunks: readonly Pick<TrackChunkRecord, 'activityId' | 'data'>[]): Map<string, TrackPoint[]> {
  const points = new Map<string, TrackPoint[]>();
  for (const chunk of chunks) {
    const decoded = decodeTrackChunk(chunk.data);
    const list = points.get(chunk.activityId);
    if (list) list.push(...decoded);
    else points.set(chunk.activityId, decoded);
  }
  return points;
}

/** The stats stored with an archived track. */
export function archivedStats(track: ArchivedTrack): ActivityStats {
  return {
    distanceMeters: track.distanceMeters,
    movingTimeSeconds: track.movingTimeSeconds,
    elapsedTimeSeconds: track.elapsedTimeSeconds,
    averageSpeedMps: track.averageSpeedMps,
    maxSpeedMps: track.maxSpeedMps,
    averagePaceSecondsPerKm: track.averagePaceSecondsPerKm,
    elevationGainMeters: track.elevationGainMeters,
    elevationLossMeters: track.elevationLossMeters,
    averageHeartRateBpm: track.averageHeartRateBpm,
    maxHeartRateBpm: track.maxHeartRateBpm,
    averageCadence: track.averageCadence,
    heartRateZones: archivedHeartRateZones(track.heartRateZoneSeconds),
    trainingLoad: track.trainingLoad,
  };
}

/** The zones' seconds as stored, with the zones' bounds; null without readings. */
function archivedHeartRateZones(seconds: number[]): ActivityStats['heartRateZones'] {
  if (seconds.length === 0) return null;
  return emptyHeartRateZones(defaultHeartRateProfile.maxHeartRateBpm).map((zone, index) => ({ ...zone, seconds: seconds[index] ?? 0 }));
}

/** The route stored with an archived track; null when it had no fixes. */
export function archivedRoute(track: ArchivedTrack): (Route & { bounds: NonNullable<Route['bounds']> }) | null {
  const { south, west, north, east } = track;
  if (south === null || west === null || north === null || east === null) return null;
  return { polyline: track.polyline, pointCount: track.routePointCount, bounds: { south, west, north, east } };
}
