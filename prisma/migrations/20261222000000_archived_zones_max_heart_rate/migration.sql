-- AlterTable
ALTER TABLE "archived_tracks" ADD COLUMN     "zones_max_heart_rate_bpm" INTEGER;
