// The caller's policy set, read in one statement on every request: what it holds, in which order,
// and that a change is seen by the very next request (the compiled-policy cache never serves a
// document that has since changed).

import { beforeEach, describe, expect, it } from "vitest";
import { loadRolePolicySet, loadUserPolicySet } from "@/lib/iam/core/policySet";
import { executedStatements } from "@/lib/db/client";
import { execute } from "@/lib/iam/core/operation";
import { PutUserPolicy } from "@/lib/iam/policies/inline";
import { GetUser, ListUsers } from "@/lib/iam/users/users";
import { createAccount, createCustomerPolicy, createGroup, createRole, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const allow = (Action: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource: "*" }] });

describe("a principal's policy set", () => {
  it("holds the user's inline and managed policies, then each group's, the boundary and the tags, in one statement", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "Boundary", allow("iam:*"));
    const own = await createCustomerPolicy(acct.accountId, "Own", allow("iam:ListUsers"));
    const viaGroup = await createCustomerPolicy(acct.accountId, "Shared", allow("iam:GetUser"));
    const groupB = await createGroup(acct.accountId, "b-group", [viaGroup]);
    const groupA = await createGroup(acct.accountId, "a-group", [managed("IAMReadOnlyAccess")]);
    await db.inlinePolicy.create({ data: { name: "GroupInline", nameLower: "groupinline", groupId: groupA, document: JSON.stringify(allow("iam:ListGroups")) } });
    const user = await createUser(acct.accountId, "alice", { groupIds: [groupB, groupA], policies: [own], inline: { Mine: allow("iam:ListRoles") }, tags: { team: "blue" } });
    await db.user.update({ where: { id: user.userId }, data: { permissionsBoundaryArn: boundary } });

    const before = executedStatements();
    const loaded = (await loadUserPolicySet(db, user.userId))!;
    expect(executedStatements() - before).toBe(1);
    expect(loaded.set.identity.map((p) => p.name)).toEqual([
      "Mine (inline, user alice)",
      "Own v1",
      "GroupInline (inline, group a-group)",
      "IAMReadOnlyAccess v1 (via group a-group)",
      "Shared v1 (via group b-group)",
    ]);
    expect(loaded.set.boundary?.name).toBe("Boundary v1");
    expect(loaded.tags).toEqual({ team: "blue" });
  });

  it("is undefined for a deleted principal, and a boundary that no longer exists allows nothing", async () => {
    expect(await loadUserPolicySet(db, "AIDANOSUCHUSER000000")).toBeUndefined();
    expect(await loadRolePolicySet(db, "AROANOSUCHROLE000000")).toBeUndefined();
    const user = await createUser(acct.accountId, "bounded", { policies: [managed("AdministratorAccess")] });
    await db.user.update({ where: { id: user.userId }, data: { permissionsBoundaryArn: `arn:aws:iam::${acct.accountId}:policy/Gone` } });
    const loaded = (await loadUserPolicySet(db, user.userId))!;
    expect(loaded.set.boundary?.name).toContain("missing permissions boundary");
    await expectIamError(execute(ListUsers, {}, user), "AccessDenied");
  });

  it("reads a role's inline and attached policies and its tags", async () => {
    const role = await createRole(acct.accountId, "Deployer", { inline: { Deploy: allow("s3:PutObject") }, tags: { stage: "prod" } });
    const readOnly = await db.managedPolicy.findUniqueOrThrow({ where: { arn: managed("IAMReadOnlyAccess") } });
    await db.rolePolicyAttachment.create({ data: { roleId: role.id, policyId: readOnly.id } });
    const loaded = (await loadRolePolicySet(db, role.id))!;
    expect(loaded.set.identity.map((p) => p.name)).toEqual(["Deploy (inline, role Deployer)", "IAMReadOnlyAccess v1"]);
    expect(loaded.tags).toEqual({ stage: "prod" });
  });

  it("sees an inline policy's new text on the next request, however soon after the last change", async () => {
    const user = await createUser(acct.accountId, "bob", { inline: { Self: allow("iam:PutUserPolicy") } });
    await execute(PutUserPolicy, { UserName: "bob", PolicyName: "Self", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:PutUserPolicy", "iam:GetUser"], Resource: "*" }] }) }, user);
    await execute(GetUser, { UserName: "bob" }, user);
    await execute(PutUserPolicy, { UserName: "bob", PolicyName: "Self", PolicyDocument: JSON.stringify(allow("iam:PutUserPolicy")) }, user);
    await expectIamError(execute(GetUser, { UserName: "bob" }, user), "AccessDenied");
  });
});
