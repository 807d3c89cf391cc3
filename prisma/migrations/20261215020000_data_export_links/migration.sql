-- CreateTable
CREATE TABLE "data_export_links" (
    "id" UUID NOT NULL,
    "athlete_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "claimed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_export_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "data_export_links_athlete_id_idx" ON "data_export_links"("athlete_id");

-- AddForeignKey
ALTER TABLE "data_export_links" ADD CONSTRAINT "data_export_links_athlete_id_fkey" FOREIGN KEY ("athlete_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
