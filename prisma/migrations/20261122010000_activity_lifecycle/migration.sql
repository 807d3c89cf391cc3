-- CreateEnum
CREATE TYPE "ActivityStatus" AS ENUM ('NOT_STARTED', 'ACTIVE', 'PAUSED', 'STOPPED', 'COMPLETED', 'DISCARDED');

-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('EVERYONE', 'FOLLOWERS', 'ONLY_ME');

-- CreateEnum
CREATE TYPE "LifecycleEventKind" AS ENUM ('START', 'PAUSE', 'RESUME', 'STOP');

-- AlterTable
ALTER TABLE "activities" ADD COLUMN     "client_id" VARCHAR(64),
ADD COLUMN     "description" VARCHAR(2000),
ADD COLUMN     "ended_at" TIMESTAMPTZ(3),
ADD COLUMN     "started_at" TIMESTAMPTZ(3),
ADD COLUMN     "status" "ActivityStatus" NOT NULL DEFAULT 'NOT_STARTED',
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "visibility" "Visibility" NOT NULL DEFAULT 'EVERYONE';

-- CreateTable
CREATE TABLE "activity_events" (
    "activity_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" "LifecycleEventKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "activity_events_pkey" PRIMARY KEY ("activity_id","seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "activities_athlete_id_client_id_key" ON "activities"("athlete_id", "client_id");

-- AddForeignKey
ALTER TABLE "activity_events" ADD CONSTRAINT "activity_events_activity_id_fkey" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE CASCADE;
