/*
 * The limits on what an activity and its recording may carry, enforced by the
 * server and checked ahead by the client SDK (which then needs no round trip
 * to refuse). The first three match the columns' sizes in prisma/schema.prisma.
 */

/** The longest title an activity may have (trimmed). @default 120 */
export const titleMaxLength = 120;
/** The longest description an activity may have (trimmed). @default 2,000 */
export const descriptionMaxLength = 2000;
/** The longest id an app may give an activity (`clientId`). @default 64 */
export const clientIdMaxLength = 64;
/** Fixes one recordTrackPoints call may carry; a phone catching up after hours offline sends several calls. @default 1,000 */
export const maxPointsPerCall = 1000;
