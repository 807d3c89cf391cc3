import { ActivityReason } from '@pacegraph/activity-rules';
import type { Activity, PrismaClient } from '@pacegraph/db';
import { ConflictError, requireViewer } from '@pacegraph/service-kit';
import { maxAttempts, ownActivity } from './activity-lifecycle.js';
import { editedColumns, editIsAnnounced, type ActivityEdit } from './domain/activity-edit.js';
import { deleteActivityRow, storeEdit } from './store/activities.js';

const concurrentChange = () => new ConflictError(ActivityReason.ConcurrentChange, 'The activity changed while this request ran; try again');

export interface EditOutcome {
  activity: Activity;
  /** Whether the edit changes what live watchers and "out now" views are told (the audience of an activity not yet saved). */
  announced: boolean;
}

/**
 * Edits the viewer's activity (title, description, sport, visibility) in any
 * status but DISCARDED, with the limits of creating and completing it.
 * NOT_FOUND, FORBIDDEN for someone else's activity, CONFLICT for a discarded
 * one or a sport change while fixes are still taken.
 */
export async function updateActivity(prisma: PrismaClient, viewerId: string | null, id: string, edit: ActivityEdit): Promise<EditOutcome> {
  const athleteId = requireViewer(viewerId, 'edit activities');
  for (let attempt = 1; ; attempt++) {
    const activity = await ownActivity(prisma, athleteId, id);
    const columns = editedColumns(activity, edit);
    const updated = await storeEdit(prisma, activity.id, activity.status, columns);
    if (updated) return { activity: updated, announced: editIsAnnounced(updated.status, columns) };
    if (attempt === maxAttempts) throw concurrentChange();
  }
}

/**
 * Deletes the viewer's activity for good, in any status (one being recorded
 * is discarded and gone): with it go its fixes, archived track, kudos,
 * comments and lifecycle events. Answers with the activity as it was deleted.
 * NOT_FOUND (also once deleted), FORBIDDEN for someone else's activity.
 */
export async function deleteActivity(prisma: PrismaClient, viewerId: string | null, id: string): Promise<Activity> {
  const athleteId = requireViewer(viewerId, 'delete activities');
  for (let attempt = 1; ; attempt++) {
    const activity = await ownActivity(prisma, athleteId, id);
    if (await deleteActivityRow(prisma, activity.id, activity.status)) return activity;
    if (attempt === maxAttempts) throw concurrentChange();
  }
}
