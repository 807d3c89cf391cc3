-- CreateEnum
CREATE TYPE "Units" AS ENUM ('METRIC', 'IMPERIAL');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "avatar_url" VARCHAR(500),
ADD COLUMN     "bio" VARCHAR(280),
ADD COLUMN     "city" VARCHAR(80),
ADD COLUMN     "max_heart_rate_bpm" SMALLINT,
ADD COLUMN     "units" "Units" NOT NULL DEFAULT 'METRIC';
