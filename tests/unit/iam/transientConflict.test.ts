// The shapes in which Prisma 6.19 with the driver adapters reports a conflict between transactions
// (seen on PostgreSQL under concurrent writes), which lib/db/transaction.ts must retry, and errors
// that are not conflicts, which it must not.

import { describe, expect, it } from "vitest";
import { isTransientConflict } from "@/lib/db/transaction";

const SERIALIZATION = { originalCode: "40001", originalMessage: "could not serialize access due to read/write dependencies among transactions", kind: "TransactionWriteConflict" };

describe("isTransientConflict", () => {
  it.each([
    ["a model query's serialization failure (P2034)", { code: "P2034" }],
    ["a model query's unique violation (P2002)", { code: "P2002", meta: { target: ["accountId", "nameLower"] } }],
    ["a raw statement's serialization failure (P2010, the code in the adapter's cause)", { code: "P2010", meta: { driverAdapterError: { name: "DriverAdapterError", cause: SERIALIZATION } } }],
    ["a raw statement's failure with the code in meta", { code: "P2010", meta: { code: "40001" } }],
    ["a conflict found at COMMIT (the adapter's own error)", { name: "DriverAdapterError", cause: SERIALIZATION }],
    ["a unique violation from the adapter", { name: "DriverAdapterError", cause: { kind: "UniqueConstraintViolation", originalCode: "23505" } }],
    ["a deadlock", { name: "DriverAdapterError", cause: { kind: "postgres", originalCode: "40P01" } }],
  ])("retries %s", (_, error) => {
    expect(isTransientConflict(error)).toBe(true);
  });

  it.each([
    ["a missing row (P2025)", { code: "P2025" }],
    ["a raw statement's syntax error", { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "42601" } } } }],
    ["a foreign key violation", { name: "DriverAdapterError", cause: { kind: "ForeignKeyConstraintViolation", originalCode: "23503" } }],
    ["a plain error", new Error("boom")],
    ["nothing", undefined],
  ])("does not retry %s", (_, error) => {
    expect(isTransientConflict(error)).toBe(false);
  });
});
