-- The API door: GetSessionToken credentials, an access key's last-used region, and the door of each audit event.
-- AlterTable
ALTER TABLE "AccessKey" ADD COLUMN "lastUsedRegion" TEXT;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "door" TEXT;

-- CreateTable
CREATE TABLE "SessionCredential" (
    "accessKeyId" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "userId" TEXT,
    "rootAccountId" TEXT,
    "secretCiphertext" TEXT NOT NULL,
    "sessionTokenHash" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "mfaAuthenticated" BOOLEAN NOT NULL DEFAULT false,
    "issuedByAccessKey" TEXT NOT NULL,
    CONSTRAINT "SessionCredential_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SessionCredential_rootAccountId_fkey" FOREIGN KEY ("rootAccountId") REFERENCES "RootUser" ("accountId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SessionCredential_sessionTokenHash_key" ON "SessionCredential"("sessionTokenHash");

-- CreateIndex
CREATE INDEX "SessionCredential_userId_idx" ON "SessionCredential"("userId");

-- CreateIndex
CREATE INDEX "SessionCredential_rootAccountId_idx" ON "SessionCredential"("rootAccountId");

-- CreateIndex
CREATE INDEX "SessionCredential_expiresAt_idx" ON "SessionCredential"("expiresAt");

-- AlterTable: the region of the AssumeRole request that last used the role (GetRole's RoleLastUsed.Region)
ALTER TABLE "Role" ADD COLUMN "lastUsedRegion" TEXT;
