import { defineConfig } from 'prisma/config';

// The CLI reads this for `prisma generate` (which needs no database) and, where
// Prisma's schema engine can be fetched, `prisma migrate deploy`.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/pacegraph' },
});
