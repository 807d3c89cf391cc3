-- AlterTable
ALTER TABLE "track_points" ADD COLUMN     "accuracy" DOUBLE PRECISION,
ADD COLUMN     "cadence" SMALLINT,
ADD COLUMN     "heart_rate" SMALLINT;
