-- CreateTable
CREATE TABLE "archived_tracks" (
    "activity_id" UUID NOT NULL,
    "point_count" INTEGER NOT NULL,
    "distance_meters" DOUBLE PRECISION NOT NULL,
    "moving_time_seconds" DOUBLE PRECISION NOT NULL,
    "elapsed_time_seconds" DOUBLE PRECISION NOT NULL,
    "average_speed_mps" DOUBLE PRECISION NOT NULL,
    "max_speed_mps" DOUBLE PRECISION NOT NULL,
    "average_pace_seconds_per_km" DOUBLE PRECISION,
    "elevation_gain_meters" DOUBLE PRECISION NOT NULL,
    "elevation_loss_meters" DOUBLE PRECISION NOT NULL,
    "polyline" TEXT NOT NULL,
    "route_point_count" INTEGER NOT NULL,
    "south" DOUBLE PRECISION,
    "west" DOUBLE PRECISION,
    "north" DOUBLE PRECISION,
    "east" DOUBLE PRECISION,
    "archived_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "archived_tracks_pkey" PRIMARY KEY ("activity_id")
);

-- CreateTable
CREATE TABLE "track_chunks" (
    "activity_id" UUID NOT NULL,
    "first_seq" INTEGER NOT NULL,
    "point_count" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "track_chunks_pkey" PRIMARY KEY ("activity_id","first_seq")
);

-- AddForeignKey
ALTER TABLE "archived_tracks" ADD CONSTRAINT "archived_tracks_activity_id_fkey" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "track_chunks" ADD CONSTRAINT "track_chunks_activity_id_fkey" FOREIGN KEY ("activity_id") REFERENCES "archived_tracks"("activity_id") ON DELETE CASCADE ON UPDATE CASCADE;
