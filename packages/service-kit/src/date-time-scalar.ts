import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// ISO-8601 with a date, a time and an offset (Z or ±hh:mm): a device's clock
// reading is meaningless without its offset.
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  // Parsed once per fix of every batch: one regex, no throwaway Dates.
  const parts = typeof value === 'string' ? isoDateTime.exec(value) : null;
  if (!parts) {
    throw new GraphQLError('DateTime must be an ISO-8601 string with an offset, e.g. 2026-11-22T07:30:00Z', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number);
  // Date would roll 2026-02-30 over into March; a clock reading like that is a client bug.
  const date = new Date(value as string);
  if (
    Number.isNaN(date.getTime()) ||
    month! < 1 ||
    month! > 12 ||
    day! < 1 ||
    day! > daysInMonth(year!, month!) ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59
  ) {
    throw new GraphQLError(`DateTime ${value} is not a real date`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return date;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `DateTime`: an instant, ISO-8601 on the wire (always UTC on output), a Date inside. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in time, ISO-8601 with an offset, e.g. 2026-11-22T07:30:00.000Z',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseDateTime(ast.value);
  },
});
