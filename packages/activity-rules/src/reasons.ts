/**
 * Why the server (or the SDK, ahead of it) refuses something done to an
 * activity: the `extensions.reason` clients may branch on, each under the
 * broader `extensions.code` its error class gives (NOT_FOUND, CONFLICT…).
 * The one catalogue of these strings: the activity subgraph throws them, and
 * the other services that refuse an activity use the same ones.
 */
export const ActivityReason = {
  /** No such activity, or none the caller may see (the two are not told apart). Code NOT_FOUND. */
  NotFound: 'ACTIVITY.NOT_FOUND',
  /** Only the activity's athlete may change it or record its fixes. Code FORBIDDEN. */
  NotOwner: 'ACTIVITY.NOT_OWNER',
  /** The transition may not be made from the activity's status (pausing a stopped one). Code CONFLICT. */
  IllegalTransition: 'ACTIVITY.ILLEGAL_TRANSITION',
  /** Another request changed the activity while this one ran, several times over; a retry decides again. Code CONFLICT. */
  ConcurrentChange: 'ACTIVITY.CONCURRENT_CHANGE',
  /** A transition's device time is further ahead of the server's clock than the skew allowed. Code BAD_USER_INPUT. */
  TimeInFuture: 'ACTIVITY.TIME_IN_FUTURE',
  /** A transition's device time is before the activity's previous one. Code BAD_USER_INPUT. */
  TimeBeforePrevious: 'ACTIVITY.TIME_BEFORE_PREVIOUS',
  /** A transition's time is not a time (an invalid Date): the SDK refuses it before sending. Code BAD_USER_INPUT. */
  InvalidTime: 'ACTIVITY.INVALID_TIME',
  /** The title is over `titleMaxLength` characters once trimmed. Code BAD_USER_INPUT. */
  TitleTooLong: 'ACTIVITY.TITLE_TOO_LONG',
  /** The description is over `descriptionMaxLength` characters once trimmed. Code BAD_USER_INPUT. */
  DescriptionTooLong: 'ACTIVITY.DESCRIPTION_TOO_LONG',
  /** The clientId is empty or over `clientIdMaxLength` characters. Code BAD_USER_INPUT. */
  ClientIdInvalid: 'ACTIVITY.CLIENT_ID_INVALID',
  /** An edit (`updateActivity`) that gives none of the fields it may change. Code BAD_USER_INPUT. */
  NothingToUpdate: 'ACTIVITY.NOTHING_TO_UPDATE',
  /** A discarded activity may be deleted, not edited. Code CONFLICT. */
  Discarded: 'ACTIVITY.DISCARDED',
  /** The sport may not change while fixes are still taken (ACTIVE, PAUSED, STOPPED): they are screened by it. Code CONFLICT. */
  SportFixedWhileRecording: 'ACTIVITY.SPORT_FIXED_WHILE_RECORDING',
} as const;
export type ActivityReason = (typeof ActivityReason)[keyof typeof ActivityReason];
