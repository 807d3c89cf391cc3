/**
 * Why the telemetry service refuses a batch of fixes: the `extensions.reason`
 * clients may branch on, each under the broader `extensions.code` its error
 * class gives. The one catalogue of the telemetry domain's strings; refusals
 * of an activity are `ActivityReason`'s, and a single fix is not refused but
 * listed as rejected with its `TrackPointRejection`.
 */
export const TelemetryReason = {
  /** A call carries more fixes than `maxPointsPerCall`. Code BAD_USER_INPUT. */
  BatchTooLarge: 'TRACK.BATCH_TOO_LARGE',
  /** The activity takes no fixes in its status (not ACTIVE, PAUSED or STOPPED). Code CONFLICT. */
  NotRecording: 'TRACK.NOT_RECORDING',
} as const;
export type TelemetryReason = (typeof TelemetryReason)[keyof typeof TelemetryReason];
