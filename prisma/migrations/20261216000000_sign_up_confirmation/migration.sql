-- CreateEnum
CREATE TYPE "MailKind" AS ENUM ('SIGN_UP_CODE', 'ACCOUNT_EXISTS');

-- CreateTable
CREATE TABLE "pending_sign_ups" (
    "id" UUID NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "password_hash" VARCHAR(255) NOT NULL,
    "code_hash" VARCHAR(64) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_sign_ups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_mail" (
    "id" UUID NOT NULL,
    "recipient" VARCHAR(254) NOT NULL,
    "kind" "MailKind" NOT NULL,
    "code" VARCHAR(16),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_mail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pending_sign_ups_email_key" ON "pending_sign_ups"("email");

-- CreateIndex
CREATE INDEX "pending_sign_ups_expires_at_idx" ON "pending_sign_ups"("expires_at");

-- CreateIndex
CREATE INDEX "outbound_mail_recipient_created_at_idx" ON "outbound_mail"("recipient", "created_at" DESC);
