-- CreateTable
CREATE TABLE "AuthenticatorAttempt" (
    "id" TEXT NOT NULL,
    "principalArn" TEXT,
    "sourceIp" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuthenticatorAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuthenticatorAttempt_principalArn_startedAt_idx" ON "AuthenticatorAttempt"("principalArn", "startedAt");

-- CreateIndex
CREATE INDEX "AuthenticatorAttempt_sourceIp_startedAt_idx" ON "AuthenticatorAttempt"("sourceIp", "startedAt");

