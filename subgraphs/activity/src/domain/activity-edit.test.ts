import { ActivityReason, descriptionMaxLength, titleMaxLength } from '@pacegraph/activity-rules';
import { BadUserInputError, ConflictError } from '@pacegraph/service-kit';
import { editedColumns, editIsAnnounced } from './activity-edit.js';

const completedRun = { status: 'COMPLETED', sport: 'RUN' } as const;

describe('editing an activity', () => {
  it('sets only the fields given, checked like a new activity’s', () => {
    expect(editedColumns(completedRun, { title: '  Long run  ' })).toEqual({ title: 'Long run' });
    expect(editedColumns(completedRun, { visibility: 'ONLY_ME', title: null, sport: null })).toEqual({ visibility: 'ONLY_ME' });
    expect(editedColumns(completedRun, { description: '  Windy  ', sport: 'HIKE' })).toEqual({ description: 'Windy', sport: 'HIKE' });
  });

  it('clears a description given blank or null, and names a blank title after the (new) sport', () => {
    expect(editedColumns(completedRun, { description: null })).toEqual({ description: null });
    expect(editedColumns(completedRun, { description: '   ' })).toEqual({ description: null });
    expect(editedColumns(completedRun, { title: ' ', sport: 'RIDE' })).toEqual({ title: 'Ride', sport: 'RIDE' });
  });

  it('refuses an edit that gives nothing', () => {
    const edit = () => editedColumns(completedRun, { title: null, sport: null, visibility: null });
    expect(edit).toThrow(BadUserInputError);
    expect(edit).toThrow(expect.objectContaining({ reason: ActivityReason.NothingToUpdate }));
  });

  it('refuses a title or description over the limits, naming the field', () => {
    expect(() => editedColumns(completedRun, { title: 't'.repeat(titleMaxLength + 1) })).toThrow(
      expect.objectContaining({ reason: ActivityReason.TitleTooLong, field: 'title' }),
    );
    expect(() => editedColumns(completedRun, { description: 'd'.repeat(descriptionMaxLength + 1) })).toThrow(
      expect.objectContaining({ reason: ActivityReason.DescriptionTooLong, field: 'description' }),
    );
  });

  it('refuses to edit a discarded activity', () => {
    const edit = () => editedColumns({ status: 'DISCARDED', sport: 'RUN' }, { title: 'Again' });
    expect(edit).toThrow(ConflictError);
    expect(edit).toThrow(expect.objectContaining({ reason: ActivityReason.Discarded }));
  });

  it.each(['ACTIVE', 'PAUSED', 'STOPPED'] as const)('keeps the sport of a %s activity, whose fixes are screened by it', (status) => {
    expect(() => editedColumns({ status, sport: 'RUN' }, { sport: 'RIDE' })).toThrow(
      expect.objectContaining({ reason: ActivityReason.SportFixedWhileRecording }),
    );
    expect(editedColumns({ status, sport: 'RUN' }, { sport: 'RUN', visibility: 'FOLLOWERS' })).toEqual({ visibility: 'FOLLOWERS' });
  });

  it('changes the sport before the start and once saved', () => {
    expect(editedColumns({ status: 'NOT_STARTED', sport: 'RUN' }, { sport: 'WALK' })).toEqual({ sport: 'WALK' });
  });

  it('announces a new audience only for an activity not yet saved', () => {
    expect(editIsAnnounced('ACTIVE', { visibility: 'ONLY_ME' })).toBe(true);
    expect(editIsAnnounced('NOT_STARTED', { visibility: 'ONLY_ME' })).toBe(true);
    expect(editIsAnnounced('ACTIVE', { title: 'Tempo' })).toBe(false);
    expect(editIsAnnounced('COMPLETED', { visibility: 'ONLY_ME' })).toBe(false);
  });
});
