import type { Sport } from '@pacegraph/activity-rules';
import type { ArchivedTrack } from '@pacegraph/db';
import {
  analyzeActivity,
  computeRoute,
  defaultHeartRateProfile,
  emptyHeartRateZones,
  pausesOf,
  type ActivityStats,
  type HeartRateProfile,
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
  /** The maximum heart rate the zones and training load were reckoned against. */
  zonesMaxHeartRateBpm: number;
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
 * route and point count, and the fixes delta-encoded in chunks. Heart rate is
 * reckoned against the athlete's profile as it is now, and kept so: a maximum
 * heart rate stated later changes the zones of activities saved later.
 */
export function archiveOf(
  activityId: string,
  activity: FinishedActivity,
  points: TrackPoint[],
  events: readonly LifecycleEvent[],
  heartRateProfile: HeartRateProfile,
): { track: ArchivedTrackRecord; chunks: TrackChunkRecord[] } {
  const { sport, startedAt, endedAt } = activity;
  const pauses = pausesOf(events, endedAt);
  const { stats, profile } = analyzeActivity({ sport, startedAt, endedAt, points, pauses, heartRateProfile });
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
    zonesMaxHeartRateBpm: heartRateProfile.maxHeartRateBpm,
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
    heartRateZones: archivedHeartRateZones(track.heartRateZoneSeconds, track.zonesMaxHeartRateBpm),
    trainingLoad: track.trainingLoad,
  };
}

/** The zones' seconds as stored, with the bounds of the maximum they were reckoned against (null: the default's); null without readings. */
function archivedHeartRateZones(seconds: number[], maxHeartRateBpm: number | null): ActivityStats['heartRateZones'] {
  if (seconds.length === 0) return null;
  return emptyHeartRateZones(maxHeartRateBpm ?? defaultHeartRateProfile.maxHeartRateBpm).map((zone, index) => ({
    ...zone,
    seconds: seconds[index] ?? 0,
  }));
}

/** The route stored with an archived track; null when it had no fixes. */
export function archivedRoute(track: ArchivedTrack): (Route & { bounds: NonNullable<Route['bounds']> }) | null {
  const { south, west, north, east } = track;
  if (south === null || west === null || north === null || east === null) return null;
  return { polyline: track.polyline, pointCount: track.routePointCount, bounds: { south, west, north, east } };
}
