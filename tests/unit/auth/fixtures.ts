// Test fixtures for sign-in and passwords: accounts and IAM users written straight to the test
// database (each test file has its own), so the tests exercise only the code under test.

import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { newAccountId, uniqueId } from "@/lib/iam/core/ids";

export const REQUEST = { sourceIp: "203.0.113.7", userAgent: "vitest-agent" };

export async function makeAccount(options: { email: string; password: string; alias?: string }) {
  const id = newAccountId();
  await db.account.create({
    data: {
      id,
      name: "Test account",
      alias: options.alias,
      rootUser: { create: { email: options.email, passwordHash: await hashPassword(options.password) } },
    },
  });
  return id;
}

export async function makeUser(accountId: string, name: string, options: { password?: string; passwordResetRequired?: boolean; policy?: object } = {}) {
  const id = uniqueId("AIDA");
  const arn = `arn:aws:iam::${accountId}:user/${name}`;
  await db.user.create({
    data: {
      id,
      accountId,
      name,
      nameLower: name.toLowerCase(),
      arn,
      loginProfile: options.password
        ? { create: { passwordHash: await hashPassword(options.password), passwordResetRequired: options.passwordResetRequired ?? false } }
        : undefined,
      inlinePolicies: options.policy
        ? { create: { name: "inline", nameLower: "inline", document: JSON.stringify(options.policy) } }
        : undefined,
    },
  });
  return { id, arn, name, accountId };
}

export function auditEvents(action: string) {
  return db.auditEvent.findMany({ where: { action }, orderBy: { sequence: "asc" } });
}
