import type { TrackPoint } from './track-point.js';

/** A fix's optional reading that can be dropped on its own, the fix kept. */
export type TrackPointValueField = 'ELEVATION' | 'ACCURACY' | 'HEART_RATE' | 'CADENCE';

/** A reading a fix was stored without, because it cannot be. */
export interface DroppedTrackPointValue {
  seq: number;
  field: TrackPointValueField;
  message: string;
}

/** Heart rates a human can have, bpm. */
export const heartRateRangeBpm = { min: 20, max: 250 } as const;
/** Cadences a runner or rider can have (steps or revolutions per minute). */
export const cadenceRange = { min: 0, max: 300 } as const;
/** Elevations on the earth, metres: deeper than any mine, higher than any summit. */
export const maxAbsoluteElevationMeters = 12_000;

/**
 * A fix with only the readings that can be, and the readings left out. A
 * heart rate or cadence of 0 is what a device writes without a sensor (OpenTracks
 * does): no reading, stored as null and not counted as dropped. A reading out
 * of range costs that reading, never the fix.
 */
export function cleanTrackPointValues(point: TrackPoint): { point: TrackPoint; dropped: DroppedTrackPointValue[] } {
  const dropped: DroppedTrackPointValue[] = [];
  const drop = (field: TrackPointValueField, message: string) => {
    dropped.push({ seq: point.seq, field, message });
    return null;
  };
  const { elevation, accuracy, heartRate, cadence } = point;
  const cleaned: TrackPoint = {
    ...point,
    elevation:
      elevation != null && (!Number.isFinite(elevation) || Math.abs(elevation) > maxAbsoluteElevationMeters)
        ? drop('ELEVATION', `elevation ${elevation} m is not on the earth`)
        : (elevation ?? null),
    accuracy:
      accuracy != null && (!Number.isFinite(accuracy) || accuracy < 0)
        ? drop('ACCURACY', `accuracy ${accuracy} m is not a radius`)
        : (accuracy ?? null),
    heartRate:
      heartRate == null || heartRate === 0
        ? null
        : !(heartRate >= heartRateRangeBpm.min && heartRate <= heartRateRangeBpm.max)
          ? drop('HEART_RATE', `heart rate ${heartRate} bpm is not a human one`)
          : heartRate,
    cadence:
      cadence == null || cadence === 0
        ? null
        : !(cadence > cadenceRange.min && cadence <= cadenceRange.max)
          ? drop('CADENCE', `cadence ${cadence} is out of range`)
          : cadence,
  };
  return { point: cleaned, dropped };
}
