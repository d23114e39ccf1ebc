// The policy engine decides every operation: these tests grant IAM users exactly the permissions
// under test and check both sides of each decision.

import { beforeEach, describe, expect, it } from "vitest";
import { anonymousCaller } from "@/lib/auth/caller";
import { AccessDeniedError } from "@/lib/iam/core/errors";
import { AddUserToGroup } from "@/lib/iam/groups/membership";
import { execute } from "@/lib/iam/core/operation";
import { AttachUserPolicy } from "@/lib/iam/policies/attachments";
import { TagUser } from "@/lib/iam/users/tags";
import { CreateUser, GetUser, ListUsers, namedUser } from "@/lib/iam/users/users";
import { DeleteUser } from "@/lib/iam/users/deletion";
import { auditEvents, createAccount, createCustomerPolicy, createGroup, createUser, db, expectIamError, managed, rowCounts, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const allow = (Action: string | string[], Resource: string | string[] = "*", Condition?: object) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) }],
});

describe("engine gating", () => {
  it("lets a read-only user (IAMReadOnlyAccess via a group) list users but not create one", async () => {
    const groupId = await createGroup(acct.accountId, "Auditors", [managed("IAMReadOnlyAccess")]);
    const auditor = await createUser(acct.accountId, "auditor", { groupIds: [groupId] });
    const { Users } = await execute(ListUsers, {}, auditor);
    expect(Users.map((u) => u.UserName)).toEqual(["auditor"]);

    const before = await rowCounts();
    const error = await expectIamError(execute(CreateUser, { UserName: "intruder" }, auditor), "AccessDenied");
    expect(error).toBeInstanceOf(AccessDeniedError);
    const denied = error as AccessDeniedError;
    expect(denied.action).toBe("iam:CreateUser");
    expect(denied.resource).toBe(`arn:aws:iam::${acct.accountId}:user/intruder`);
    expect(denied.explanation.summary).toContain("no statement allows iam:CreateUser");
    expect(denied.message).toContain(`${auditor.arn} is not authorized to perform iam:CreateUser`);
    expect(await rowCounts()).toEqual(before);
    const [event] = await auditEvents(acct.accountId, "iam:CreateUser");
    expect(event).toMatchObject({ result: "Denied", principalArn: auditor.arn, errorCode: "AccessDenied" });
  });

  it("lets an explicit deny win over AdministratorAccess", async () => {
    await createUser(acct.accountId, "victim");
    const admin = await createUser(acct.accountId, "admin", {
      policies: [managed("AdministratorAccess")],
      inline: { NoDeletes: { Version: "2012-10-17", Statement: [{ Sid: "NoDeletes", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" }] } },
    });
    const error = (await expectIamError(execute(DeleteUser, { UserName: "victim" }, admin), "AccessDenied")) as AccessDeniedError;
    expect(error.explanation.decidedBy[0]).toMatchObject({ statement: "NoDeletes", effect: "Deny" });
    expect(await db.user.count({ where: { accountId: acct.accountId, name: "victim" } })).toBe(1);
    await execute(ListUsers, {}, admin);
  });

  it("decides on aws:ResourceTag from the target user's tags", async () => {
    await createUser(acct.accountId, "web-dev", { tags: { team: "web" } });
    await createUser(acct.accountId, "ops-dev", { tags: { team: "ops" } });
    const lead = await createUser(acct.accountId, "lead", { inline: { WebOnly: allow("iam:GetUser", "*", { StringEquals: { "aws:ResourceTag/team": "web" } }) } });
    expect(namedUser(await execute(GetUser, { UserName: "web-dev" }, lead)).UserName).toBe("web-dev");
    await expectIamError(execute(GetUser, { UserName: "ops-dev" }, lead), "AccessDenied");
  });

  it("uses the user's real ARN, path included, as the resource", async () => {
    await createUser(acct.accountId, "alice", { path: "/engineering/" });
    await createUser(acct.accountId, "bob");
    const lead = await createUser(acct.accountId, "lead", { inline: { Eng: allow("iam:GetUser", `arn:aws:iam::${acct.accountId}:user/engineering/*`) } });
    await execute(GetUser, { UserName: "alice" }, lead);
    await expectIamError(execute(GetUser, { UserName: "bob" }, lead), "AccessDenied");
  });

  it("decides on iam:PolicyARN when attaching policies", async () => {
    await createUser(acct.accountId, "newbie");
    const helpdesk = await createUser(acct.accountId, "helpdesk", {
      inline: { ReadOnlyOnly: allow("iam:AttachUserPolicy", "*", { ArnEquals: { "iam:PolicyARN": managed("IAMReadOnlyAccess") } }) },
    });
    await execute(AttachUserPolicy, { UserName: "newbie", PolicyArn: managed("IAMReadOnlyAccess") }, helpdesk);
    await expectIamError(execute(AttachUserPolicy, { UserName: "newbie", PolicyArn: managed("AdministratorAccess") }, helpdesk), "AccessDenied");
    expect(await db.userPolicyAttachment.count({ where: { user: { accountId: acct.accountId, name: "newbie" } } })).toBe(1);
  });

  it("decides on aws:RequestTag and aws:TagKeys when creating and tagging users", async () => {
    const creator = await createUser(acct.accountId, "creator", {
      inline: {
        TeamWebOnly: allow(["iam:CreateUser", "iam:TagUser"], "*", {
          StringEquals: { "aws:RequestTag/team": "web" },
          "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] },
        }),
      },
    });
    await execute(CreateUser, { UserName: "tagged", Tags: [{ Key: "team", Value: "web" }] }, creator);
    await expectIamError(execute(CreateUser, { UserName: "untagged" }, creator), "AccessDenied");
    await expectIamError(execute(CreateUser, { UserName: "ops", Tags: [{ Key: "team", Value: "ops" }] }, creator), "AccessDenied");
    await expectIamError(execute(TagUser, { UserName: "tagged", Tags: [{ Key: "team", Value: "web" }, { Key: "extra", Value: "x" }] }, creator), "AccessDenied");
  });

  it("decides on iam:PermissionsBoundary when creating users", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "DevBoundary", allow("iam:Get*"));
    const delegate = await createUser(acct.accountId, "delegate", {
      inline: { MustBound: allow("iam:CreateUser", "*", { StringEquals: { "iam:PermissionsBoundary": boundary } }) },
    });
    await execute(CreateUser, { UserName: "bounded", PermissionsBoundary: boundary }, delegate);
    await expectIamError(execute(CreateUser, { UserName: "free" }, delegate), "AccessDenied");
  });

  it("checks AddUserToGroup against the group's ARN", async () => {
    await createGroup(acct.accountId, "Devs");
    await createGroup(acct.accountId, "Admins");
    await createUser(acct.accountId, "alice");
    const lead = await createUser(acct.accountId, "lead", { inline: { DevsOnly: allow("iam:AddUserToGroup", `arn:aws:iam::${acct.accountId}:group/Devs`) } });
    await execute(AddUserToGroup, { GroupName: "Devs", UserName: "alice" }, lead);
    await expectIamError(execute(AddUserToGroup, { GroupName: "Admins", UserName: "alice" }, lead), "AccessDenied");
  });

  it("denies an anonymous caller", async () => {
    await expectIamError(execute(ListUsers, {}, anonymousCaller()), "AccessDenied");
  });

  it("lets the root user do everything in its own account, audited", async () => {
    await execute(CreateUser, { UserName: "by-root" }, acct.root);
    expect((await auditEvents(acct.accountId, "iam:CreateUser"))[0]).toMatchObject({ result: "Allowed", principalArn: acct.root.arn });
  });
});
