import { BadUserInputError, ConflictError } from '@pacegraph/service-kit';
import { ActivityReason, recordingStatuses, type ActivityStatus, type Sport, type Visibility } from '@pacegraph/activity-rules';
import { activityDescription, activityTitle } from './activity-rules.js';

/** What `updateActivity` may change; a field left out (or null, but for the description) stays. */
export interface ActivityEdit {
  /** Blank: the sport's name, as when creating. */
  title?: string | null;
  /** Blank or null: none. */
  description?: string | null;
  sport?: Sport | null;
  visibility?: Visibility | null;
}

/** The columns an edit sets. */
export interface EditedColumns {
  title?: string;
  description?: string | null;
  sport?: Sport;
  visibility?: Visibility;
}

/**
 * The columns an edit of an activity sets, checked with the limits of
 * creating and completing. Any status but DISCARDED may be edited (CONFLICT
 * there); the sport stays while the activity still takes fixes (ACTIVE,
 * PAUSED, STOPPED), which are screened against its speeds. An edit that
 * gives nothing is BAD_USER_INPUT. Pure: the caller stores.
 */
export function editedColumns(activity: { status: ActivityStatus; sport: Sport }, edit: ActivityEdit): EditedColumns {
  const given = edit.title != null || edit.description !== undefined || edit.sport != null || edit.visibility != null;
  if (!given) {
    throw new BadUserInputError(ActivityReason.NothingToUpdate, 'Give at least one of title, description, sport and visibility');
  }
  if (activity.status === 'DISCARDED') throw new ConflictError(ActivityReason.Discarded, 'A discarded activity cannot be edited');
  const sport = edit.sport ?? activity.sport;
  if (sport !== activity.sport && recordingStatuses.includes(activity.status)) {
    throw new ConflictError(ActivityReason.SportFixedWhileRecording, `The sport cannot change while the activity is ${activity.status}`);
  }
  return {
    ...(edit.title != null ? { title: activityTitle(sport, edit.title) } : {}),
    ...(edit.description !== undefined ? { description: activityDescription(edit.description) } : {}),
    ...(sport !== activity.sport ? { sport } : {}),
    ...(edit.visibility ? { visibility: edit.visibility } : {}),
  };
}

/**
 * Whether an edit must be announced on the event bus: only an activity that
 * has not ended has live watchers and followers' "out now" views, which
 * learn its new audience from the announcement.
 */
export function editIsAnnounced(status: ActivityStatus, columns: EditedColumns): boolean {
  return columns.visibility !== undefined && status !== 'COMPLETED' && status !== 'DISCARDED';
}
