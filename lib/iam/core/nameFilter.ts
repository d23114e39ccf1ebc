// The console's name filter (a case-insensitive substring), done by the database. Prisma's
// `contains` becomes LIKE '%…%' without an ESCAPE clause, so an underscore — legal in IAM names —
// would match any character ("b_1" finding "bob1"). Filters with LIKE wildcards therefore select the
// matching IDs with an escaped LIKE; all others use `contains` on the lower-cased name column.

import { Prisma } from "@/generated/prisma/client";
import { provider, type Tx } from "@/lib/db/client";

type NamedTable = "User" | "Group" | "Role" | "ManagedPolicy";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A where-fragment matching rows of `table` whose nameLower contains `filter` (already lower-cased),
 * among the account's rows (and, for policies, AWS's, which have no account).
 */
export async function nameContains(tx: Tx, table: NamedTable, accountId: string, filter: string): Promise<{ nameLower: { contains: string } } | { id: { in: string[] } }> {
  if (!/[%_\\]/.test(filter)) return { nameLower: { contains: filter } };
  const pattern = `%${escapeLike(filter)}%`;
  const rows = await tx.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE ("accountId" = ${accountId} OR "accountId" IS NULL) AND "nameLower" LIKE ${pattern} ESCAPE '\\'`,
  );
  return { id: { in: rows.map((r) => r.id) } };
}

/**
 * SQL true when `column` contains `text` ignoring case, every character literal (no LIKE
 * wildcards), the same on both databases: SQLite's instr() and PostgreSQL's strpos() find a
 * substring, lower() on both sides ignores case. `column` is a trusted, quoted column name.
 */
export function containsIgnoringCase(column: string, text: string): Prisma.Sql {
  const find = provider === "postgresql" ? "strpos" : "instr";
  return Prisma.sql`${Prisma.raw(`${find}(lower(${column}), `)}lower(${text})) > 0`;
}
