import { BadUserInputError } from '@pacegraph/service-kit';
import { activityTitle } from './activity-rules.js';

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
});
