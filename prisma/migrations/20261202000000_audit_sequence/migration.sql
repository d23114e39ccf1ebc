-- Audit events get a sequence number in the order they were appended; existing events are numbered by time.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "sequence" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "accountId" TEXT,
    "time" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "principalArn" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "readOnly" BOOLEAN NOT NULL DEFAULT false,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "sourceIp" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "AuditEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AuditEvent" ("accountId", "action", "errorCode", "errorMessage", "id", "principalArn", "readOnly", "resource", "result", "sourceIp", "time", "userAgent") SELECT "accountId", "action", "errorCode", "errorMessage", "id", "principalArn", "readOnly", "resource", "result", "sourceIp", "time", "userAgent" FROM "AuditEvent" ORDER BY "time", "id";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE UNIQUE INDEX "AuditEvent_id_key" ON "AuditEvent"("id");
CREATE INDEX "AuditEvent_accountId_sequence_idx" ON "AuditEvent"("accountId", "sequence");
CREATE INDEX "AuditEvent_accountId_time_idx" ON "AuditEvent"("accountId", "time");
CREATE INDEX "AuditEvent_accountId_principalArn_idx" ON "AuditEvent"("accountId", "principalArn");
CREATE INDEX "AuditEvent_accountId_action_idx" ON "AuditEvent"("accountId", "action");
CREATE INDEX "AuditEvent_principalArn_action_time_idx" ON "AuditEvent"("principalArn", "action", "time");
CREATE INDEX "AuditEvent_sourceIp_action_time_idx" ON "AuditEvent"("sourceIp", "action", "time");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

