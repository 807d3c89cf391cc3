/**
 * The only environment this package reads: in tests, the PostgreSQL server to
 * provision databases on (CI sets it; without it tests use embedded ones).
 */
export function testServerUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}
