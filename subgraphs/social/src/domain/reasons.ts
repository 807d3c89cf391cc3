/**
 * Why the social service refuses something: the `extensions.reason` clients
 * may branch on, each under the broader `extensions.code` its error class
 * gives. The one catalogue of the social domain's strings; refusals of an
 * activity are `ActivityReason`'s, and those of any request (a token, a
 * page, a value the database cannot store) `ServiceReason`'s.
 */
export const SocialReason = {
  /** A wrong password (logIn, changePassword, deleteMyAccount), or no such account: what the log-in limits count. Code UNAUTHENTICATED. */
  BadCredentials: 'ACCOUNT.BAD_CREDENTIALS',
  /** The name is empty once trimmed. Code BAD_USER_INPUT. */
  NameEmpty: 'ACCOUNT.NAME_EMPTY',
  /** The name is over `nameMaxLength` characters once trimmed. Code BAD_USER_INPUT. */
  NameTooLong: 'ACCOUNT.NAME_TOO_LONG',
  /** The email is not an address (or over `emailMaxLength` characters). Code BAD_USER_INPUT. */
  EmailMalformed: 'ACCOUNT.EMAIL_MALFORMED',
  /** The password is under `passwordMinLength` characters, not counting surrounding spaces. Code BAD_USER_INPUT. */
  PasswordTooShort: 'ACCOUNT.PASSWORD_TOO_SHORT',
  /** The password is over `passwordMaxLength` characters. Code BAD_USER_INPUT. */
  PasswordTooLong: 'ACCOUNT.PASSWORD_TOO_LONG',
  /** On the list of common passwords, or a listed one with digits or symbols appended. Code BAD_USER_INPUT. */
  PasswordTooCommon: 'ACCOUNT.PASSWORD_TOO_COMMON',
  /** One character or a short group repeated, or a straight run (12345678, abcdefgh). Code BAD_USER_INPUT. */
  PasswordTooSimple: 'ACCOUNT.PASSWORD_TOO_SIMPLE',
  /** Contains the athlete's name or the part of their email before the @. Code BAD_USER_INPUT. */
  PasswordPersonal: 'ACCOUNT.PASSWORD_PERSONAL',
  /** A wrong mailed code (sign-up or password reset), or none waiting for the email: alike, so no one learns which. Code BAD_USER_INPUT. */
  BadSignUpCode: 'ACCOUNT.BAD_CODE',
  /** The mailed code is past its lifetime, or was tried too often: ask for a new one. Code BAD_USER_INPUT. */
  SignUpCodeExpired: 'ACCOUNT.CODE_EXPIRED',
  /** Too many failed sign-ins from the address, at the email, or of the pair. Code RATE_LIMITED. */
  TooManyLogIns: 'ACCOUNT.TOO_MANY_LOG_INS',
  /** Too many accounts made from one network. Code RATE_LIMITED. */
  TooManySignUps: 'ACCOUNT.TOO_MANY_SIGN_UPS',
  /** Too many mailed codes (sign-up, password reset) tried from one network. Code RATE_LIMITED. */
  TooManySignUpCodes: 'ACCOUNT.TOO_MANY_SIGN_UP_CODES',
  /** Too many password resets asked for from one network. Code RATE_LIMITED. */
  TooManyPasswordResets: 'ACCOUNT.TOO_MANY_PASSWORD_RESETS',
  /** Not a refresh token PaceGraph issued. Code UNAUTHENTICATED. */
  BadRefreshToken: 'ACCOUNT.BAD_REFRESH_TOKEN',
  /** The refresh token is past its lifetime: log in again. Code UNAUTHENTICATED. */
  RefreshTokenExpired: 'ACCOUNT.REFRESH_TOKEN_EXPIRED',
  /** The refresh token's session ended (logOut, logOutEverywhere, a password change or reset, a reuse): log in again. Code UNAUTHENTICATED. */
  SessionEnded: 'ACCOUNT.SESSION_ENDED',
  /** The refresh token was used before: its whole session is ended, as a stolen copy may be in use. Code UNAUTHENTICATED. */
  RefreshTokenReused: 'ACCOUNT.REFRESH_TOKEN_REUSED',
  /** Token versions are looked up by the gateway alone. Code FORBIDDEN. */
  AccountLookupGatewayOnly: 'ACCOUNT.GATEWAY_ONLY',
  /** A token version lookup names more accounts than one call takes. Code BAD_USER_INPUT. */
  TooManyAccountLookups: 'ACCOUNT.TOO_MANY_LOOKUPS',
  /** A bio over `bioMaxLength` characters once trimmed. Code BAD_USER_INPUT. */
  BioTooLong: 'PROFILE.BIO_TOO_LONG',
  /** A city over `cityMaxLength` characters once trimmed. Code BAD_USER_INPUT. */
  CityTooLong: 'PROFILE.CITY_TOO_LONG',
  /** An avatar URL over `avatarUrlMaxLength` characters. Code BAD_USER_INPUT. */
  AvatarUrlTooLong: 'PROFILE.AVATAR_URL_TOO_LONG',
  /** An avatar URL that is not an absolute https URL (http, data:, javascript: and the like are refused). Code BAD_USER_INPUT. */
  AvatarUrlNotHttps: 'PROFILE.AVATAR_URL_NOT_HTTPS',
  /** A maximum heart rate outside `maxHeartRateBpmRange`. Code BAD_USER_INPUT. */
  BadMaxHeartRate: 'PREFERENCES.BAD_MAX_HEART_RATE',
  /** Spoken cue settings outside `audioCueLimits`, or no field to say. Code BAD_USER_INPUT. */
  BadAudioCues: 'PREFERENCES.BAD_AUDIO_CUES',
  /** A search query blank or under `searchQueryLength.min` characters. Code BAD_USER_INPUT. */
  SearchQueryTooShort: 'SEARCH.QUERY_TOO_SHORT',
  /** A search query over `searchQueryLength.max` characters. Code BAD_USER_INPUT. */
  SearchQueryTooLong: 'SEARCH.QUERY_TOO_LONG',
  /** Too many searches by one athlete for now. Code RATE_LIMITED. */
  TooManySearches: 'SEARCH.TOO_MANY',
  /** No such athlete. Code NOT_FOUND. */
  UserNotFound: 'USER.NOT_FOUND',
  /** An athlete cannot follow themselves. Code BAD_USER_INPUT. */
  FollowSelf: 'FOLLOW.SELF',
  /** Too many follows by one athlete for now. Code RATE_LIMITED. */
  TooManyFollows: 'FOLLOW.TOO_MANY',
  /** Who among many viewers follows an athlete is asked by the gateway alone. Code FORBIDDEN. */
  FollowerCheckGatewayOnly: 'FOLLOWS.GATEWAY_ONLY',
  /** A follower check names more viewers than one call takes. Code BAD_USER_INPUT. */
  TooManyFollowerChecks: 'FOLLOWS.TOO_MANY_CHECKS',
  /** No such comment. Code NOT_FOUND. */
  CommentNotFound: 'COMMENT.NOT_FOUND',
  /** Only a comment's author or the activity's athlete may delete it, and only its author lists it. Code FORBIDDEN. */
  NotYourComment: 'COMMENT.NOT_YOURS',
  /** A comment is empty or over `maxCommentLength` characters. Code BAD_USER_INPUT. */
  BadCommentLength: 'COMMENT.BAD_LENGTH',
  /** Kudos are for other athletes' activities. Code BAD_USER_INPUT. */
  KudosOwnActivity: 'KUDOS.OWN_ACTIVITY',
  /** The athlete has as many privacy zones as one may. Code BAD_USER_INPUT. */
  TooManyPrivacyZones: 'PRIVACY_ZONE.TOO_MANY',
  /** No such privacy zone of the athlete's. Code NOT_FOUND. */
  PrivacyZoneNotFound: 'PRIVACY_ZONE.NOT_FOUND',
  /** Only the athlete sees their privacy zones. Code FORBIDDEN. */
  NotYourPrivacyZone: 'PRIVACY_ZONE.NOT_YOURS',
  /** A privacy zone's centre is not a place on the earth. Code BAD_USER_INPUT. */
  BadPrivacyZonePlace: 'PRIVACY_ZONE.BAD_PLACE',
  /** A privacy zone's radius is outside the radii allowed. Code BAD_USER_INPUT. */
  BadPrivacyZoneRadius: 'PRIVACY_ZONE.BAD_RADIUS',
  /** Export links are claimed by the gateway alone. Code FORBIDDEN. */
  ExportClaimGatewayOnly: 'EXPORT.GATEWAY_ONLY',
  /** Totals asked for in a time zone that does not exist. Code BAD_USER_INPUT. */
  BadTimeZone: 'TOTALS.BAD_TIME_ZONE',
  /** An activity history whose `from` is not before its `to`. Code BAD_USER_INPUT. */
  BadHistoryRange: 'HISTORY.BAD_RANGE',
} as const;
export type SocialReason = (typeof SocialReason)[keyof typeof SocialReason];
