-- Each principal's session generation: console session tokens stamped with an older one are refused.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RootUser" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "passwordLastUsed" DATETIME,
    "sessionGeneration" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RootUser_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RootUser" ("accountId", "createdAt", "email", "passwordChangedAt", "passwordHash", "passwordLastUsed") SELECT "accountId", "createdAt", "email", "passwordChangedAt", "passwordHash", "passwordLastUsed" FROM "RootUser";
DROP TABLE "RootUser";
ALTER TABLE "new_RootUser" RENAME TO "RootUser";
CREATE UNIQUE INDEX "RootUser_email_key" ON "RootUser"("email");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "permissionsBoundaryArn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "passwordLastUsed" DATETIME,
    "sessionGeneration" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "User_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_User" ("accountId", "arn", "createdAt", "id", "name", "nameLower", "passwordLastUsed", "path", "permissionsBoundaryArn") SELECT "accountId", "arn", "createdAt", "id", "name", "nameLower", "passwordLastUsed", "path", "permissionsBoundaryArn" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_arn_key" ON "User"("arn");
CREATE INDEX "User_accountId_path_idx" ON "User"("accountId", "path");
CREATE UNIQUE INDEX "User_accountId_nameLower_key" ON "User"("accountId", "nameLower");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

