-- Role sessions (AssumeRole, switch role), the switch-role history, role last use, and audit fields for role sessions.
-- AlterTable
ALTER TABLE "Role" ADD COLUMN "lastUsedAt" DATETIME;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "assumedBy" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "roleSessionName" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "sourceIdentity" TEXT;

-- CreateTable
CREATE TABLE "RoleSession" (
    "accessKeyId" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "sessionTokenHash" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "mfaAuthenticated" BOOLEAN NOT NULL DEFAULT false,
    "sourceIdentity" TEXT,
    "assumedByArn" TEXT NOT NULL,
    "chained" BOOLEAN NOT NULL DEFAULT false,
    "console" BOOLEAN NOT NULL DEFAULT false,
    "sessionPolicy" TEXT,
    "sessionPolicyArns" TEXT NOT NULL DEFAULT '[]',
    "sessionTags" TEXT NOT NULL DEFAULT '{}',
    "transitiveTagKeys" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "RoleSession_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SwitchRoleHistory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "roleArn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "roleName" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "usedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SwitchRoleHistory_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RoleSession_sessionTokenHash_key" ON "RoleSession"("sessionTokenHash");

-- CreateIndex
CREATE INDEX "RoleSession_roleId_issuedAt_idx" ON "RoleSession"("roleId", "issuedAt");

-- CreateIndex
CREATE INDEX "RoleSession_expiresAt_idx" ON "RoleSession"("expiresAt");

-- CreateIndex
CREATE INDEX "SwitchRoleHistory_userId_usedAt_idx" ON "SwitchRoleHistory"("userId", "usedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SwitchRoleHistory_userId_roleArn_key" ON "SwitchRoleHistory"("userId", "roleArn");

