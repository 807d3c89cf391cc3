import { DateTimeScalar } from './date-time-scalar.js';

describe('the DateTime scalar', () => {
  it('reads ISO-8601 instants with an offset and writes them in UTC', () => {
    const date = DateTimeScalar.parseValue('2026-11-22T08:30:00.250+01:00');
    expect(date.toISOString()).toBe('2026-11-22T07:30:00.250Z');
    expect(DateTimeScalar.serialize(date)).toBe('2026-11-22T07:30:00.250Z');
  });

  it.each(['2028-02-29T07:30:00Z', '2000-02-29T00:00:00Z', '2026-04-30T23:59:59.999-05:00'])('reads the real date %p', (value) => {
    expect(DateTimeScalar.parseValue(value).getTime()).toBe(new Date(value).getTime());
  });

  it.each([
    '2026-11-22',
    '2026-11-22T07:30:00',
    'yesterday',
    '2026-02-30T07:30:00Z',
    '2026-02-29T07:30:00Z',
    '1900-02-29T07:30:00Z',
    '2026-04-31T07:30:00Z',
    '2026-11-22T24:00:00Z',
    1732260600,
  ])('rejects %p with BAD_USER_INPUT', (value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});
