-- CreateTable
CREATE TABLE "privacy_zones" (
    "id" UUID NOT NULL,
    "athlete_id" UUID NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "radius_meters" DOUBLE PRECISION NOT NULL,
    "shape_lat" DOUBLE PRECISION NOT NULL,
    "shape_lon" DOUBLE PRECISION NOT NULL,
    "shape_radius_meters" DOUBLE PRECISION NOT NULL,
    "shape_seed" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "privacy_zones_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "privacy_zones_athlete_id_idx" ON "privacy_zones"("athlete_id");

-- AddForeignKey
ALTER TABLE "privacy_zones" ADD CONSTRAINT "privacy_zones_athlete_id_fkey" FOREIGN KEY ("athlete_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
