// A snapshot of every table in prisma/schema.prisma except the audit log, for "nothing changed"
// checks that no list of tables can fall behind: the models are read from the schema itself, so a
// table added later is covered without touching this file. Each table's rows are serialized one by
// one and sorted, so two snapshots of the same content are byte-identical whatever order the
// database returns rows in.
//
// For calls by another account's principal, `changesBeyond` compares only what that account does
// not own alone: a row belongs to an account when it carries the account's ID (accountId, or an ARN
// with `:ACCOUNT:` in it) or the `id` of a row that does, transitively (a membership through its
// user, a policy version through its policy). Rows of no account (AWS managed policies) and rows
// that touch the protected account as well are always compared.

import { readFileSync } from "node:fs";
import path from "node:path";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";

/** The models a snapshot leaves out: the audit log records every call, denied ones included. */
export const NOT_SNAPSHOTTED = new Set(["AuditEvent"]);

type Row = Record<string, unknown>;

export interface TableSnapshot {
  /** Model name → its rows, each with its serialized text, sorted by that text. */
  readonly tables: Readonly<Record<string, readonly { readonly row: Row; readonly text: string }[]>>;
}

let models: readonly string[] | undefined;

/** Every model of prisma/schema.prisma, in the order the schema declares them. */
export function schemaModels(): readonly string[] {
  models ??= [...readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8").matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]!);
  return models;
}

type Delegate = { findMany: () => Prisma.PrismaPromise<Row[]> };

function delegateOf(model: string): Delegate {
  const delegate = (db as unknown as Record<string, Delegate | undefined>)[model[0]!.toLowerCase() + model.slice(1)];
  if (typeof delegate?.findMany !== "function") {
    throw new Error(`prisma/schema.prisma has a model ${model} that the generated client cannot read: run \`npx prisma generate\`.`);
  }
  return delegate;
}

function serialize(row: Row): string {
  return JSON.stringify(row, (_key, value: unknown) => {
    if (typeof value === "bigint") return `${value}n`;
    if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
    return value;
  });
}

/** All rows of every table but the audit log, read in one transaction (one consistent moment, and fast). */
export async function snapshotEveryTable(): Promise<TableSnapshot> {
  const names = schemaModels().filter((m) => !NOT_SNAPSHOTTED.has(m));
  const rows = await db.$transaction(names.map((m) => delegateOf(m).findMany()));
  const tables: Record<string, { row: Row; text: string }[]> = {};
  names.forEach((name, i) => {
    tables[name] = rows[i]!.map((row) => ({ row, text: serialize(row) })).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  });
  return { tables };
}

/** The snapshot as one string: equal strings mean byte-identical tables. */
export function snapshotText(snapshot: TableSnapshot): string {
  return JSON.stringify(Object.entries(snapshot.tables).map(([name, rows]) => [name, rows.map((r) => r.text)]));
}

/** The IDs (the account's, then every `id` of a row that carries one of them) that mark an account's rows. */
function accountKeys(snapshots: readonly TableSnapshot[], accountId: string): { keys: Set<string>; arnMark: string } {
  const keys = new Set([accountId]);
  const arnMark = `:${accountId}:`;
  for (let grew = true; grew; ) {
    grew = false;
    for (const snapshot of snapshots) {
      for (const rows of Object.values(snapshot.tables)) {
        for (const { row } of rows) {
          if (typeof row.id !== "string" || keys.has(row.id) || !touches(row, keys, arnMark)) continue;
          keys.add(row.id);
          grew = true;
        }
      }
    }
  }
  return { keys, arnMark };
}

function touches(row: Row, keys: ReadonlySet<string>, arnMark: string): boolean {
  return Object.values(row).some((v) => typeof v === "string" && (keys.has(v) || v.includes(arnMark)));
}

/** Rows added (+) or removed (-) between two snapshots, as "Model: +{…}" lines. */
export function differences(before: TableSnapshot, after: TableSnapshot, keep: (row: Row) => boolean = () => true): string[] {
  const lines: string[] = [];
  for (const name of new Set([...Object.keys(before.tables), ...Object.keys(after.tables)])) {
    const count = new Map<string, number>();
    for (const { row, text } of before.tables[name] ?? []) if (keep(row)) count.set(text, (count.get(text) ?? 0) + 1);
    for (const { row, text } of after.tables[name] ?? []) if (keep(row)) count.set(text, (count.get(text) ?? 0) - 1);
    for (const [text, n] of count) {
      if (n > 0) lines.push(`${name}: -${text}`);
      if (n < 0) lines.push(`${name}: +${text}`);
    }
  }
  return lines;
}

/**
 * What changed between two snapshots outside the rows that belong to `ownAccount` alone: its own
 * rows may change (a call acting in the caller's own account), nothing else may, and in particular
 * no row of `protectedAccount` or of no account at all.
 */
export function changesBeyond(before: TableSnapshot, after: TableSnapshot, ownAccount: string, protectedAccount: string): string[] {
  const own = accountKeys([before, after], ownAccount);
  const other = accountKeys([before, after], protectedAccount);
  return differences(before, after, (row) => !(touches(row, own.keys, own.arnMark) && !touches(row, other.keys, other.arnMark)));
}
