-- A denied event keeps the engine's explanation (summary, deciding statements, reason) as bounded JSON.
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "detail" TEXT;
