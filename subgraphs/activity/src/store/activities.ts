import type { Activity, PrismaClient } from '@pacegraph/db';
import type { EditedColumns } from '../domain/activity-edit.js';
import type { ActivityChanges } from '../domain/lifecycle.js';
import { appendActivityEvent, type NewActivityEvent } from './activity-events.js';

/** What a new activity is created with; the rest takes the table's defaults. */
export interface NewActivity {
  athleteId: string;
  clientId: string | null;
  sport: Activity['sport'];
  title: string;
  visibility: Activity['visibility'];
}

/**
 * Inserts an activity. Rejects with Prisma's unique violation when the athlete
 * used the clientId already, and its foreign key violation when the athlete's
 * account is gone.
 */
export function insertActivity(prisma: PrismaClient, activity: NewActivity): Promise<Activity> {
  return prisma.activity.create({ data: activity });
}

/** The athlete's activity created with `clientId`. */
export function activityByClientId(prisma: PrismaClient, athleteId: string, clientId: string): Promise<Activity> {
  return prisma.activity.findUniqueOrThrow({ where: { athleteId_clientId: { athleteId, clientId } } });
}

/** An activity by its id (a lower-case UUID), or null. */
export function activityById(prisma: PrismaClient, id: string): Promise<Activity | null> {
  return prisma.activity.findUnique({ where: { id } });
}

/** The activities among `ids` (lower-case UUIDs) that exist, in no particular order: a loader's batch. */
export function activitiesByIds(prisma: PrismaClient, ids: string[]): Promise<Activity[]> {
  return prisma.activity.findMany({ where: { id: { in: ids } } });
}

/**
 * Stores a transition in one transaction: the activity's new columns and, for
 * a timed transition, its entry in the event log. Guarded on the status it was
 * decided from: null, with nothing written, when another request changed the
 * status meanwhile.
 */
export function storeTransition(
  prisma: PrismaClient,
  activityId: string,
  decidedFrom: Activity['status'],
  changes: ActivityChanges,
  event: NewActivityEvent | undefined,
): Promise<Activity | null> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.activity.updateMany({ where: { id: activityId, status: decidedFrom }, data: changes });
    if (count === 0) return null;
    if (event) await appendActivityEvent(tx, event);
    return tx.activity.findUniqueOrThrow({ where: { id: activityId } });
  });
}

/**
 * Stores an edit, guarded like a transition on the status it was decided
 * from: null, with nothing written, when another request changed the status
 * (or deleted the activity) meanwhile.
 */
export function storeEdit(
  prisma: PrismaClient,
  activityId: string,
  decidedFrom: Activity['status'],
  columns: EditedColumns,
): Promise<Activity | null> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.activity.updateMany({ where: { id: activityId, status: decidedFrom }, data: columns });
    if (count === 0) return null;
    return tx.activity.findUniqueOrThrow({ where: { id: activityId } });
  });
}

/**
 * Deletes an activity and, by the database's cascading foreign keys, every
 * row that refers to it: its lifecycle events, its fixes and archived track
 * (telemetry's), its kudos and comments (social's). Guarded on the status it
 * was decided from: false, with nothing deleted, when another request changed
 * the status or deleted the activity meanwhile.
 */
export async function deleteActivityRow(prisma: PrismaClient, activityId: string, decidedFrom: Activity['status']): Promise<boolean> {
  const { count } = await prisma.activity.deleteMany({ where: { id: activityId, status: decidedFrom } });
  return count > 0;
}
