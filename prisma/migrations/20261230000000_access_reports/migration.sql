-- Access reports: the credential report, last-accessed jobs, unused-access finding triage, and an index for last accessed.
-- DropIndex
DROP INDEX "AuditEvent_accountId_principalArn_idx";

-- CreateTable
CREATE TABLE "CredentialReport" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "generatedAt" DATETIME,
    "content" TEXT,
    CONSTRAINT "CredentialReport_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessDetailsJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "granularity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    "result" TEXT,
    CONSTRAINT "AccessDetailsJob_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessFindingState" (
    "accountId" TEXT NOT NULL,
    "findingKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL,

    PRIMARY KEY ("accountId", "findingKey"),
    CONSTRAINT "AccessFindingState_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AccessDetailsJob_accountId_createdAt_idx" ON "AccessDetailsJob"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_principalArn_action_time_idx" ON "AuditEvent"("accountId", "principalArn", "action", "time");

