const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `id` can name a row at all: ids are UUIDs. Loaders drop other ids
 * before querying, so a malformed id reads as "not found", not as a database error.
 */
export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}
