// DeleteRoleWithDependents, the console's "Delete role": AWS's DeleteRole refuses while policies are
// attached; the console detaches the managed policies and deletes the inline ones first, each a step
// of its own (authorized and audited), then deletes the role, all or nothing.

import { beforeEach, describe, expect, it } from "vitest";
import type { AccessDeniedError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { AttachRolePolicy } from "@/lib/iam/policies/attachments";
import { PutRolePolicy } from "@/lib/iam/policies/inline";
import { DeleteRoleWithDependents } from "@/lib/iam/roles/deletion";
import { DeleteRole } from "@/lib/iam/roles/roles";
import { auditEvents, createAccount, createCustomerPolicy, createRole, createUser, db, expectIamError, managed, rowCounts, type TestAccount } from "./support/fixtures";

const ALLOW_ALL = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

/** A role with two managed policies, an inline policy, a tag and a permissions boundary. */
async function roleWithEverything(name: string) {
  const boundary = await createCustomerPolicy(acct.accountId, "Boundary", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] });
  const role = await createRole(acct.accountId, name, { boundary, tags: { team: "web" } });
  for (const PolicyArn of [managed("IAMReadOnlyAccess"), boundary]) await execute(AttachRolePolicy, { RoleName: name, PolicyArn }, acct.root);
  await execute(PutRolePolicy, { RoleName: name, PolicyName: "Extra", PolicyDocument: ALLOW_ALL }, acct.root);
  return { role, boundary };
}

describe("DeleteRoleWithDependents", () => {
  it("detaches, deletes the inline policies, then deletes the role, each step audited", async () => {
    const { role, boundary } = await roleWithEverything("Leaver");
    await expectIamError(execute(DeleteRole, { RoleName: "Leaver" }, acct.root), "DeleteConflict", "Cannot delete entity, must detach all policies first.");
    const earlier = (await auditEvents(acct.accountId)).length;
    const { Removed } = await execute(DeleteRoleWithDependents, { RoleName: "leaver" }, acct.root);
    expect(Removed).toEqual({ AttachedPolicies: 2, InlinePolicies: 1, Tags: 1 });
    expect(await db.role.findUnique({ where: { id: role.id } })).toBeNull();
    expect(await db.inlinePolicy.count({ where: { roleId: role.id } })).toBe(0);
    expect(await db.tag.count({ where: { roleId: role.id } })).toBe(0);
    // The managed policies stay, the boundary's among them: only the role's links to them go.
    expect(await db.managedPolicy.count({ where: { arn: boundary } })).toBe(1);
    const events = (await auditEvents(acct.accountId)).slice(earlier);
    expect(events.map((e) => [e.action, e.result, e.resource])).toEqual([
      ["iam:DeleteRole", "Allowed", role.arn],
      ["iam:DetachRolePolicy", "Allowed", role.arn],
      ["iam:DetachRolePolicy", "Allowed", role.arn],
      ["iam:DeleteRolePolicy", "Allowed", role.arn],
    ]);
  });

  it("stops at a step the caller may not take, names it, and leaves the role as it was", async () => {
    await roleWithEverything("Kept");
    const operator = await createUser(acct.accountId, "operator", {
      inline: {
        Operator: {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: ["iam:DeleteRole", "iam:DetachRolePolicy"], Resource: "*" },
            { Effect: "Deny", Action: "iam:DeleteRolePolicy", Resource: "*" },
          ],
        },
      },
    });
    const before = await rowCounts();
    const denied = (await expectIamError(execute(DeleteRoleWithDependents, { RoleName: "Kept" }, operator), "AccessDenied", /^DeleteRoleWithDependents changed nothing: its DeleteRolePolicy step was denied\./)) as AccessDeniedError;
    expect(denied.stoppedWorkflow).toEqual({ workflow: "DeleteRoleWithDependents", step: "DeleteRolePolicy" });
    expect(await rowCounts()).toEqual(before);
  });

  it("deletes a role with nothing attached, and reports a missing role, removing nothing", async () => {
    await createRole(acct.accountId, "Empty");
    await execute(DeleteRoleWithDependents, { RoleName: "Empty" }, acct.root);
    expect(await db.role.count({ where: { accountId: acct.accountId } })).toBe(0);
    await roleWithEverything("Stays");
    const before = await rowCounts();
    await expectIamError(execute(DeleteRoleWithDependents, { RoleName: "Gone" }, acct.root), "NoSuchEntity", "The role with name Gone cannot be found.");
    expect(await rowCounts()).toEqual(before);
  });
});
