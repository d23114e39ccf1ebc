// Concurrent writes through execute(), as two console instances (or one busy one) make them. On
// PostgreSQL (TEST_POSTGRES_URL) these transactions really interleave, and the database's
// serialization failures and unique violations are retried (lib/db/transaction.ts); on SQLite the
// single writer takes them one at a time. Either way the answers are those of some serial order:
// quotas hold, names stay unique without regard to case, and an edit that started from an old
// default version is refused, never lost.

import { describe, expect, it } from "vitest";
import { isIamError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { QUOTAS } from "@/lib/iam/core/rules";
import { CreateAccessKey } from "@/lib/iam/credentials/accessKeys";
import { AddUserToGroup } from "@/lib/iam/groups/membership";
import { CreatePolicyVersion } from "@/lib/iam/policies/versions";
import { CreateUser } from "@/lib/iam/users/users";
import { createAccount, createCustomerPolicy, createGroup, createUser, db } from "./support/fixtures";

/** Runs every call at once; answers "ok" or the IAM error code, anything else fails the test. */
async function allAtOnce(calls: (() => Promise<unknown>)[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls.map((call) => call()));
  return settled.map((result) => {
    if (result.status === "fulfilled") return "ok";
    if (isIamError(result.reason)) return result.reason.code;
    throw result.reason;
  });
}

const count = (answers: string[], answer: string) => answers.filter((a) => a === answer).length;
const DOCUMENT = (sid: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });

describe("concurrent writes", () => {
  it("create exactly two access keys for one user, however many are asked for at once", async () => {
    const { accountId, root } = await createAccount("Concurrent keys");
    const bob = await createUser(accountId, "bob");
    const answers = await allAtOnce(Array.from({ length: 6 }, () => () => execute(CreateAccessKey, { UserName: "bob" }, root)));
    expect(count(answers, "ok")).toBe(QUOTAS.AccessKeysPerUser);
    expect(count(answers, "LimitExceeded")).toBe(6 - QUOTAS.AccessKeysPerUser);
    expect(await db.accessKey.count({ where: { userId: bob.userId } })).toBe(QUOTAS.AccessKeysPerUser);
  });

  it("create one user of names that differ only in case, and refuse the others as already existing", async () => {
    const { accountId, root } = await createAccount("Concurrent names");
    const names = ["Alice", "alice", "ALICE", "aLiCe", "AlIcE"];
    const answers = await allAtOnce(names.map((UserName) => () => execute(CreateUser, { UserName }, root)));
    expect(count(answers, "ok")).toBe(1);
    expect(count(answers, "EntityAlreadyExists")).toBe(names.length - 1);
    expect(await db.user.count({ where: { accountId, nameLower: "alice" } })).toBe(1);
  });

  it("keep a user in at most ten groups when many additions arrive at once", async () => {
    const { accountId, root } = await createAccount("Concurrent groups");
    await createUser(accountId, "carol");
    const groups = await Promise.all(Array.from({ length: 13 }, (_, i) => createGroup(accountId, `Team${i}`)));
    const answers = await allAtOnce(groups.map((_, i) => () => execute(AddUserToGroup, { GroupName: `Team${i}`, UserName: "carol" }, root)));
    // Thirteen writes to one user's memberships at once can outlast the retries on PostgreSQL: a
    // request may then be told ConcurrentModification, and nothing of it was kept.
    expect(count(answers, "ok") + count(answers, "LimitExceeded") + count(answers, "ConcurrentModification")).toBe(13);
    const memberships = await db.groupMembership.count({ where: { user: { accountId, name: "carol" } } });
    expect(memberships).toBe(count(answers, "ok"));
    expect(memberships).toBeLessThanOrEqual(QUOTAS.GroupsPerUser);
    if (count(answers, "LimitExceeded") > 0) expect(memberships).toBe(QUOTAS.GroupsPerUser);
  });

  it("let one of several edits that started from the same default version win; the others are told it changed", async () => {
    const { accountId, root } = await createAccount("Concurrent versions");
    const arn = await createCustomerPolicy(accountId, "Shared", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }] });
    const edits = ["A", "B", "C", "D"];
    const answers = await allAtOnce(
      edits.map((sid) => () => execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: DOCUMENT(sid), SetAsDefault: true, ExpectedDefaultVersionId: "v1" }, root)),
    );
    expect(count(answers, "ok")).toBe(1);
    expect(count(answers, "ConcurrentModification")).toBe(edits.length - 1);
    const policy = await db.managedPolicy.findUniqueOrThrow({ where: { arn }, include: { versions: true } });
    // No lost update: the winner's version exists and is the one default.
    expect(policy.versions.map((v) => v.versionId).sort()).toEqual(["v1", "v2"]);
    expect(policy.versions.filter((v) => v.isDefault).map((v) => v.versionId)).toEqual([policy.defaultVersionId]);
  });

  it("keep every version asked for without an expected default, one after another, at most five", async () => {
    const { accountId, root } = await createAccount("Concurrent versions, no expectation");
    const arn = await createCustomerPolicy(accountId, "Busy", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }] });
    const answers = await allAtOnce(["A", "B", "C", "D", "E", "F"].map((sid) => () => execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: DOCUMENT(sid), SetAsDefault: true }, root)));
    expect(count(answers, "ok")).toBe(QUOTAS.VersionsPerPolicy - 1);
    expect(count(answers, "LimitExceeded")).toBe(2);
    const policy = await db.managedPolicy.findUniqueOrThrow({ where: { arn }, include: { versions: true } });
    expect(policy.versions).toHaveLength(QUOTAS.VersionsPerPolicy);
    expect(policy.versions.filter((v) => v.isDefault)).toHaveLength(1);
  });
});
