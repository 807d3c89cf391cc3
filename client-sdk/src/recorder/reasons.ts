import type { TrackPointRejection } from '@pacegraph/track-math';

/**
 * Why the recorder refuses something on the device, or does not sync yet:
 * the SDK's own `reason`s, which no server gives. What the server would
 * refuse of an activity, the recorder refuses ahead of it with the server's
 * own `ActivityReason`.
 */
export const RecordingReason = {
  /** The recording belongs to another athlete than the one signed in; it syncs when they sign in. Code UNAUTHENTICATED. */
  OtherAthlete: 'RECORDING.OTHER_ATHLETE',
  /** No one is signed in; the recording syncs when its athlete signs in. Code UNAUTHENTICATED. */
  SignedOut: 'RECORDING.SIGNED_OUT',
  /** The recording's status does not allow it (a fix or a pause once finished). Code CONFLICT. */
  IllegalTransition: 'RECORDING.ILLEGAL_TRANSITION',
} as const;
export type RecordingReason = (typeof RecordingReason)[keyof typeof RecordingReason];

/** A fix the recorder refuses: `TRACK_POINT.` and the rule it breaks, as the server names it among the rejected. Code BAD_USER_INPUT. */
export type TrackPointReason = `TRACK_POINT.${TrackPointRejection}`;

/** The reason the recorder refuses a fix breaking `rule` with. */
export function trackPointReason(rule: TrackPointRejection): TrackPointReason {
  return `TRACK_POINT.${rule}`;
}
