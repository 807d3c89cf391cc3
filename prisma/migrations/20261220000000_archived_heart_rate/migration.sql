-- AlterTable
ALTER TABLE "archived_tracks" ADD COLUMN     "average_cadence" DOUBLE PRECISION,
ADD COLUMN     "average_heart_rate_bpm" DOUBLE PRECISION,
ADD COLUMN     "heart_rate_zone_seconds" DOUBLE PRECISION[] NOT NULL DEFAULT ARRAY[]::DOUBLE PRECISION[],
ADD COLUMN     "max_heart_rate_bpm" DOUBLE PRECISION,
ADD COLUMN     "training_load" DOUBLE PRECISION;
