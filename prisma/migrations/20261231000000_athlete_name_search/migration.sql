-- Athlete search by name, typo-tolerant: trigram similarity (pg_trgm, on the embedded PostgreSQL, a server and Citus alike).
-- The extension lives in "public" whatever schema the tables are in (a test file's own schema shares the server's
-- database with others, and an extension exists once per database); the queries name it as public.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- CreateIndex
CREATE INDEX "users_name_idx" ON "users" USING GIN ("name" public.gin_trgm_ops);
