-- CreateTable
CREATE TABLE "AuthenticatorAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "principalArn" TEXT,
    "sourceIp" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "AuthenticatorAttempt_principalArn_startedAt_idx" ON "AuthenticatorAttempt"("principalArn", "startedAt");

-- CreateIndex
CREATE INDEX "AuthenticatorAttempt_sourceIp_startedAt_idx" ON "AuthenticatorAttempt"("sourceIp", "startedAt");

