-- AlterTable
ALTER TABLE "users" ADD COLUMN     "audio_cues" JSONB;
