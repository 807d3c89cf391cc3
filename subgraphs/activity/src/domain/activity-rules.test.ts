import { BadUserInputError } from '@pacegraph/service-kit';
import { activityTitle, isActivityId } from './activity-rules.js';

describe('activity rules', () => {
  it('trims a title, and names an untitled activity after its sport', () => {
    expect(activityTitle('RUN', '  Tempo  ')).toBe('Tempo');
    expect(activityTitle('RIDE', '   ')).toBe('Ride');
    expect(activityTitle('HIKE', undefined)).toBe('Hike');
  });

  it('rejects a title over 120 characters, naming the field', () => {
    expect(() => activityTitle('WALK', 'w'.repeat(121))).toThrow(BadUserInputError);
    expect(() => activityTitle('WALK', 'w'.repeat(121))).toThrow(expect.objectContaining({ field: 'title' }));
    expect(activityTitle('WALK', 'w'.repeat(120))).toHaveLength(120);
  });

  it('knows an activity id when it sees one', () => {
    expect(isActivityId('46f128f5-5ce4-449d-802b-8001d53fd59d')).toBe(true);
    expect(isActivityId('46f128f5')).toBe(false);
    expect(isActivityId("1'; DROP TABLE activities; --")).toBe(false);
  });
});
