// Permissions boundaries set and removed through their operations (real SQLite): the boundary must be
// a managed policy the account can use, it takes effect on the principal's next request (the user's
// policy set in core/policySet.ts), iam:PermissionsBoundary lets an administrator delegate safely,
// and a policy in use as a boundary cannot be deleted.

import { beforeEach, describe, expect, it } from "vitest";
import { AccessDeniedError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { DeletePolicy } from "@/lib/iam/policies/managed";
import {
  DeleteRolePermissionsBoundary,
  DeleteUserPermissionsBoundary,
  PutRolePermissionsBoundary,
  PutUserPermissionsBoundary,
} from "@/lib/iam/policies/permissionsBoundaries";
import { AttachUserPolicy, DetachUserPolicy } from "@/lib/iam/policies/attachments";
import { DeleteUserPolicy, PutUserPolicy } from "@/lib/iam/policies/inline";
import { GetUser, ListUsers, namedUser } from "@/lib/iam/users/users";
import { auditEvents, createAccount, createCustomerPolicy, createRole, createUser, db, expectIamError, managed, snapshot, type TestAccount } from "./support/fixtures";

const allow = (Action: string | string[], Resource: string | string[] = "*", Condition?: object) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) }],
});


const boundaryOfUser = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).permissionsBoundaryArn;
const boundaryOfRole = async (id: string) => (await db.role.findUniqueOrThrow({ where: { id } })).permissionsBoundaryArn;

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("user permissions boundaries", () => {
  it("sets, replaces and removes a user's boundary, and GetUser shows it", async () => {
    const alice = await createUser(acct.accountId, "alice");
    const own = await createCustomerPolicy(acct.accountId, "DevBoundary", allow("iam:Get*"));
    await execute(PutUserPermissionsBoundary, { UserName: "ALICE", PermissionsBoundary: managed("IAMReadOnlyAccess") }, acct.root);
    expect(namedUser(await execute(GetUser, { UserName: "alice" }, acct.root)).PermissionsBoundary?.PermissionsBoundaryArn).toBe(managed("IAMReadOnlyAccess"));

    await execute(PutUserPermissionsBoundary, { UserName: "alice", PermissionsBoundary: own }, acct.root);
    expect(await boundaryOfUser(alice.userId)).toBe(own);

    await execute(DeleteUserPermissionsBoundary, { UserName: "alice" }, acct.root);
    expect(await boundaryOfUser(alice.userId)).toBeNull();
    expect(namedUser(await execute(GetUser, { UserName: "alice" }, acct.root)).PermissionsBoundary).toBeUndefined();
    // Removing a boundary the user no longer has changes nothing and succeeds.
    await execute(DeleteUserPermissionsBoundary, { UserName: "alice" }, acct.root);
    expect(await boundaryOfUser(alice.userId)).toBeNull();
  });

  it("refuses a boundary that does not exist, another account's policy, a malformed ARN and a missing user, changing nothing", async () => {
    const alice = await createUser(acct.accountId, "alice");
    await execute(PutUserPermissionsBoundary, { UserName: "alice", PermissionsBoundary: managed("IAMReadOnlyAccess") }, acct.root);
    const before = await snapshot(acct.accountId);

    const missing = `arn:aws:iam::${acct.accountId}:policy/NoSuchBoundary`;
    await expectIamError(execute(PutUserPermissionsBoundary, { UserName: "alice", PermissionsBoundary: missing }, acct.root), "NoSuchEntity", `Policy ${missing} does not exist or is not attachable.`);
    const other = await createAccount();
    const foreign = await createCustomerPolicy(other.accountId, "Theirs", allow("*"));
    await expectIamError(execute(PutUserPermissionsBoundary, { UserName: "alice", PermissionsBoundary: foreign }, acct.root), "NoSuchEntity");
    await expectIamError(
      execute(PutUserPermissionsBoundary, { UserName: "alice", PermissionsBoundary: "IAMReadOnlyAccess" }, acct.root),
      "ValidationError",
      /PermissionsBoundary: must be a managed policy ARN/,
    );
    await expectIamError(execute(PutUserPermissionsBoundary, { UserName: "bob", PermissionsBoundary: managed("IAMReadOnlyAccess") }, acct.root), "NoSuchEntity", "The user with name bob cannot be found.");
    await expectIamError(execute(DeleteUserPermissionsBoundary, { UserName: "bob" }, acct.root), "NoSuchEntity", "The user with name bob cannot be found.");

    expect(await snapshot(acct.accountId)).toBe(before);
    expect(await boundaryOfUser(alice.userId)).toBe(managed("IAMReadOnlyAccess"));
  });

  it("takes effect on the user's next request: a boundary of iam:Get* denies iam:ListUsers despite AdministratorAccess", async () => {
    const alice = await createUser(acct.accountId, "alice", { policies: [managed("AdministratorAccess")] });
    const boundary = await createCustomerPolicy(acct.accountId, "GetOnly", allow("iam:Get*"));
    expect((await execute(ListUsers, {}, alice)).Users.map((u) => u.UserName)).toEqual(["alice"]);

    await execute(PutUserPermissionsBoundary, { UserName: "alice", PermissionsBoundary: boundary }, acct.root);
    const error = await expectIamError(execute(ListUsers, {}, alice), "AccessDenied");
    expect((error as AccessDeniedError).explanation.summary).toContain('the permissions boundary "GetOnly v1"');
    // What the boundary allows and the identity policy grants is still allowed.
    expect(namedUser(await execute(GetUser, { UserName: "alice" }, alice)).UserName).toBe("alice");

    await execute(DeleteUserPermissionsBoundary, { UserName: "alice" }, acct.root);
    expect((await execute(ListUsers, {}, alice)).Users).toHaveLength(1);
  });

  it("decides on iam:PermissionsBoundary: the boundary being set on Put, the current one on Delete", async () => {
    const dev = await createCustomerPolicy(acct.accountId, "DevBoundary", allow("iam:Get*"));
    const other = await createCustomerPolicy(acct.accountId, "OtherBoundary", allow("*"));
    const bob = await createUser(acct.accountId, "bob");
    const delegate = await createUser(acct.accountId, "delegate", {
      inline: {
        OnlyDevBoundary: allow("iam:PutUserPermissionsBoundary", "*", { StringEquals: { "iam:PermissionsBoundary": dev } }),
        RemoveOthers: {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: "iam:DeleteUserPermissionsBoundary", Resource: "*" },
            { Effect: "Deny", Action: "iam:DeleteUserPermissionsBoundary", Resource: "*", Condition: { StringEquals: { "iam:PermissionsBoundary": dev } } },
          ],
        },
      },
    });

    await expectIamError(execute(PutUserPermissionsBoundary, { UserName: "bob", PermissionsBoundary: other }, delegate), "AccessDenied");
    expect(await boundaryOfUser(bob.userId)).toBeNull();
    await execute(PutUserPermissionsBoundary, { UserName: "bob", PermissionsBoundary: dev }, delegate);
    expect(await boundaryOfUser(bob.userId)).toBe(dev);

    // The Deny names the boundary bob has now: the delegate cannot lift it.
    await expectIamError(execute(DeleteUserPermissionsBoundary, { UserName: "bob" }, delegate), "AccessDenied");
    expect(await boundaryOfUser(bob.userId)).toBe(dev);
    await execute(PutUserPermissionsBoundary, { UserName: "bob", PermissionsBoundary: other }, acct.root);
    await execute(DeleteUserPermissionsBoundary, { UserName: "bob" }, delegate);
    expect(await boundaryOfUser(bob.userId)).toBeNull();

    const events = await auditEvents(acct.accountId);
    const mine = events.filter((e) => e.principalArn === delegate.arn).map((e) => [e.action, e.result, e.resource]);
    expect(mine).toEqual([
      ["iam:PutUserPermissionsBoundary", "Denied", bob.arn],
      ["iam:PutUserPermissionsBoundary", "Allowed", bob.arn],
      ["iam:DeleteUserPermissionsBoundary", "Denied", bob.arn],
      ["iam:DeleteUserPermissionsBoundary", "Allowed", bob.arn],
    ]);
  });

  it("carries the user's current boundary on the user's policy operations, so a delegate can be held to bounded users", async () => {
    // AWS lists iam:PermissionsBoundary for AttachUserPolicy, DetachUserPolicy, PutUserPolicy and
    // DeleteUserPolicy: "you may grant policies only to users who keep DevBoundary".
    const dev = await createCustomerPolicy(acct.accountId, "DevBoundary", allow("s3:*"));
    await createUser(acct.accountId, "bounded");
    await createUser(acct.accountId, "free");
    await execute(PutUserPermissionsBoundary, { UserName: "bounded", PermissionsBoundary: dev }, acct.root);
    const onlyBounded = { StringEquals: { "iam:PermissionsBoundary": dev } };
    const delegate = await createUser(acct.accountId, "delegate", {
      inline: { BoundedOnly: allow(["iam:AttachUserPolicy", "iam:DetachUserPolicy", "iam:PutUserPolicy", "iam:DeleteUserPolicy"], "*", onlyBounded) },
    });
    const s3Read = managed("IAMReadOnlyAccess");
    const inline = { PolicyName: "S3", PolicyDocument: JSON.stringify(allow("s3:GetObject")) };

    await execute(AttachUserPolicy, { UserName: "bounded", PolicyArn: s3Read }, delegate);
    await execute(PutUserPolicy, { UserName: "bounded", ...inline }, delegate);
    await execute(DetachUserPolicy, { UserName: "bounded", PolicyArn: s3Read }, delegate);
    await execute(DeleteUserPolicy, { UserName: "bounded", PolicyName: "S3" }, delegate);
    const before = await snapshot(acct.accountId);
    await expectIamError(execute(AttachUserPolicy, { UserName: "free", PolicyArn: s3Read }, delegate), "AccessDenied");
    await expectIamError(execute(PutUserPolicy, { UserName: "free", ...inline }, delegate), "AccessDenied");
    expect(await snapshot(acct.accountId)).toBe(before);
  });

  it("a user without permissions cannot set or remove a boundary, even their own", async () => {
    const alice = await createUser(acct.accountId, "alice", { policies: [managed("IAMReadOnlyAccess")] });
    await execute(PutUserPermissionsBoundary, { UserName: "alice", PermissionsBoundary: managed("IAMReadOnlyAccess") }, acct.root);
    await expectIamError(execute(DeleteUserPermissionsBoundary, { UserName: "alice" }, alice), "AccessDenied");
    await expectIamError(execute(PutUserPermissionsBoundary, { UserName: "alice", PermissionsBoundary: managed("AdministratorAccess") }, alice), "AccessDenied");
    expect(await boundaryOfUser(alice.userId)).toBe(managed("IAMReadOnlyAccess"));
  });

  it("keeps a policy in use as a boundary from being deleted until the boundary is removed", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "DevBoundary", allow("iam:Get*"));
    await createUser(acct.accountId, "alice");
    await execute(PutUserPermissionsBoundary, { UserName: "alice", PermissionsBoundary: boundary }, acct.root);
    await expectIamError(execute(DeletePolicy, { PolicyArn: boundary }, acct.root), "DeleteConflict", /permissions boundary of 1 user first/);
    await execute(DeleteUserPermissionsBoundary, { UserName: "alice" }, acct.root);
    await execute(DeletePolicy, { PolicyArn: boundary }, acct.root);
  });
});

describe("role permissions boundaries", () => {
  it("sets, replaces and removes a role's boundary, with the role's ARN (and path) as the resource", async () => {
    const role = await createRole(acct.accountId, "Deployer", { path: "/ci/" });
    const own = await createCustomerPolicy(acct.accountId, "CiBoundary", allow("s3:*"));
    await execute(PutRolePermissionsBoundary, { RoleName: "deployer", PermissionsBoundary: managed("IAMReadOnlyAccess") }, acct.root);
    expect(await boundaryOfRole(role.id)).toBe(managed("IAMReadOnlyAccess"));
    await execute(PutRolePermissionsBoundary, { RoleName: "Deployer", PermissionsBoundary: own }, acct.root);
    expect(await boundaryOfRole(role.id)).toBe(own);
    await execute(DeleteRolePermissionsBoundary, { RoleName: "Deployer" }, acct.root);
    expect(await boundaryOfRole(role.id)).toBeNull();
    await execute(DeleteRolePermissionsBoundary, { RoleName: "Deployer" }, acct.root);

    const events = await auditEvents(acct.accountId, "iam:PutRolePermissionsBoundary");
    expect(events.map((e) => [e.result, e.resource])).toEqual([
      ["Allowed", `arn:aws:iam::${acct.accountId}:role/ci/Deployer`],
      ["Allowed", `arn:aws:iam::${acct.accountId}:role/ci/Deployer`],
    ]);
  });

  it("refuses a missing boundary policy or role, changing nothing", async () => {
    const role = await createRole(acct.accountId, "Deployer", { boundary: managed("IAMReadOnlyAccess") });
    const missing = `arn:aws:iam::${acct.accountId}:policy/Gone`;
    await expectIamError(execute(PutRolePermissionsBoundary, { RoleName: "Deployer", PermissionsBoundary: missing }, acct.root), "NoSuchEntity", `Policy ${missing} does not exist or is not attachable.`);
    await expectIamError(execute(PutRolePermissionsBoundary, { RoleName: "Nobody", PermissionsBoundary: managed("IAMReadOnlyAccess") }, acct.root), "NoSuchEntity", "The role with name Nobody cannot be found.");
    await expectIamError(execute(DeleteRolePermissionsBoundary, { RoleName: "Nobody" }, acct.root), "NoSuchEntity", "The role with name Nobody cannot be found.");
    await expectIamError(execute(DeleteRolePermissionsBoundary, { RoleName: "bad name!" }, acct.root), "ValidationError", /RoleName/);
    expect(await boundaryOfRole(role.id)).toBe(managed("IAMReadOnlyAccess"));
  });

  it("decides on the role's tags and iam:PermissionsBoundary", async () => {
    const dev = await createCustomerPolicy(acct.accountId, "DevBoundary", allow("iam:Get*"));
    const role = await createRole(acct.accountId, "App");
    await db.tag.create({ data: { roleId: role.id, key: "team", keyLower: "team", value: "web" } });
    await createRole(acct.accountId, "Untagged");
    const delegate = await createUser(acct.accountId, "delegate", {
      inline: {
        WebRolesDevBoundary: allow("iam:PutRolePermissionsBoundary", "*", { StringEquals: { "aws:ResourceTag/team": "web", "iam:PermissionsBoundary": dev } }),
      },
    });
    await expectIamError(execute(PutRolePermissionsBoundary, { RoleName: "Untagged", PermissionsBoundary: dev }, delegate), "AccessDenied");
    await expectIamError(execute(PutRolePermissionsBoundary, { RoleName: "App", PermissionsBoundary: managed("AdministratorAccess") }, delegate), "AccessDenied");
    await execute(PutRolePermissionsBoundary, { RoleName: "App", PermissionsBoundary: dev }, delegate);
    expect(await boundaryOfRole(role.id)).toBe(dev);
    // No statement allows removing it.
    await expectIamError(execute(DeleteRolePermissionsBoundary, { RoleName: "App" }, delegate), "AccessDenied");
    expect(await boundaryOfRole(role.id)).toBe(dev);
  });

  it("keeps a policy in use as a role's boundary from being deleted", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "RoleBoundary", allow("iam:Get*"));
    await createRole(acct.accountId, "App");
    await execute(PutRolePermissionsBoundary, { RoleName: "App", PermissionsBoundary: boundary }, acct.root);
    await expectIamError(execute(DeletePolicy, { PolicyArn: boundary }, acct.root), "DeleteConflict", /permissions boundary of 1 role first/);
    await execute(DeleteRolePermissionsBoundary, { RoleName: "App" }, acct.root);
    await execute(DeletePolicy, { PolicyArn: boundary }, acct.root);
  });
});
