/**
 * The values an activity's enums take, in the order the schemas declare them.
 * This is their one source: Prisma's generated enums and the GraphQL schemas'
 * enums are checked against these lists by a test (stack/test/value-lists.test.ts),
 * and the code of every package imports them from here.
 */

/** The sports an activity can be. */
export const sports = ['RUN', 'RIDE', 'WALK', 'HIKE'] as const;
export type Sport = (typeof sports)[number];

/** Where an activity is in its life: NOT_STARTED → ACTIVE ⇄ PAUSED → STOPPED → COMPLETED | DISCARDED. */
export const activityStatuses = ['NOT_STARTED', 'ACTIVE', 'PAUSED', 'STOPPED', 'COMPLETED', 'DISCARDED'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

/** Who may see an activity besides its athlete. */
export const visibilities = ['EVERYONE', 'FOLLOWERS', 'ONLY_ME'] as const;
export type Visibility = (typeof visibilities)[number];

/** The kinds of entries in an activity's event log: its timed transitions. */
export const lifecycleEventKinds = ['START', 'PAUSE', 'RESUME', 'STOP'] as const;
export type LifecycleEventKind = (typeof lifecycleEventKinds)[number];
