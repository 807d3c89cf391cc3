export * from './database.js';
export * from './database-url.js';
export * from './declared-schema.js';
export * from './embedded-postgres.js';
export * from './migrated-schema.js';
export * from './migrations.js';
export * from './schema-shape.js';
