import { beforeEach, describe, expect, it } from "vitest";
import { AddUserToGroup, ListGroupsForUser, RemoveUserFromGroup } from "@/lib/iam/groups/membership";
import { CreateGroup, GetGroup, ListGroups, UpdateGroup } from "@/lib/iam/groups/groups";
import { DeleteGroup } from "@/lib/iam/groups/deletion";
import { execute } from "@/lib/iam/core/operation";
import { auditEvents, createAccount, createGroup, createUser, db, expectIamError, managed, rowCounts, snapshot, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("CreateGroup", () => {
  it("creates a group with an AGPA ID and its ARN", async () => {
    const { Group } = await execute(CreateGroup, { GroupName: "Developers", Path: "/eng/" }, acct.root);
    expect(Group).toMatchObject({ GroupName: "Developers", Path: "/eng/", Arn: `arn:aws:iam::${acct.accountId}:group/eng/Developers` });
    expect(Group.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
  });

  it("refuses a duplicate name in any case, and names over 128 characters", async () => {
    await createGroup(acct.accountId, "Developers");
    const before = await rowCounts();
    await expectIamError(execute(CreateGroup, { GroupName: "developers" }, acct.root), "EntityAlreadyExists", "Group with name developers already exists.");
    await expectIamError(execute(CreateGroup, { GroupName: "g".repeat(129) }, acct.root), "ValidationError", /GroupName: must be at most 128 characters/);
    expect(await rowCounts()).toEqual(before);
  });

  it("stops at the quota of 300 groups per account", async () => {
    await db.group.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({ id: `AGPAQ${acct.accountId}${i}`, accountId: acct.accountId, name: `g${i}`, nameLower: `g${i}`, arn: `arn:aws:iam::${acct.accountId}:group/g${i}` })),
    });
    await expectIamError(execute(CreateGroup, { GroupName: "extra" }, acct.root), "LimitExceeded", /GroupsPerAccount: 300/);
  });
});

describe("membership", () => {
  it("adds and removes a member; adding twice changes nothing", async () => {
    await createGroup(acct.accountId, "Ops");
    const user = await createUser(acct.accountId, "alice");
    await execute(AddUserToGroup, { GroupName: "ops", UserName: "ALICE" }, acct.root);
    await execute(AddUserToGroup, { GroupName: "Ops", UserName: "alice" }, acct.root);
    expect(await db.groupMembership.count({ where: { userId: user.userId } })).toBe(1);
    const { Group, Users } = await execute(GetGroup, { GroupName: "Ops" }, acct.root);
    expect(Group.GroupName).toBe("Ops");
    expect(Users.map((u) => u.UserName)).toEqual(["alice"]);
    expect((await execute(ListGroupsForUser, { UserName: "alice" }, acct.root)).Groups.map((g) => g.GroupName)).toEqual(["Ops"]);
    await execute(RemoveUserFromGroup, { GroupName: "Ops", UserName: "alice" }, acct.root);
    expect(await db.groupMembership.count({ where: { userId: user.userId } })).toBe(0);
    await expectIamError(execute(RemoveUserFromGroup, { GroupName: "Ops", UserName: "alice" }, acct.root), "NoSuchEntity", "The user with name alice is not a member of group Ops.");
  });

  it("stops at 10 groups per user, adding nothing", async () => {
    const groupIds = [];
    for (let i = 0; i < 10; i++) groupIds.push(await createGroup(acct.accountId, `g${i}`));
    await createGroup(acct.accountId, "eleventh");
    await createUser(acct.accountId, "joiner", { groupIds });
    const before = await rowCounts();
    await expectIamError(execute(AddUserToGroup, { GroupName: "eleventh", UserName: "joiner" }, acct.root), "LimitExceeded", /GroupsPerUser: 10/);
    expect(await rowCounts()).toEqual(before);
  });

  it("reports a missing group or user", async () => {
    await createGroup(acct.accountId, "Ops");
    await createUser(acct.accountId, "alice");
    await expectIamError(execute(AddUserToGroup, { GroupName: "Nope", UserName: "alice" }, acct.root), "NoSuchEntity", "The group with name Nope cannot be found.");
    await expectIamError(execute(AddUserToGroup, { GroupName: "Ops", UserName: "nobody" }, acct.root), "NoSuchEntity", "The user with name nobody cannot be found.");
  });
});

describe("UpdateGroup and DeleteGroup", () => {
  it("renames a group, refusing a clash", async () => {
    await createGroup(acct.accountId, "Ops");
    await createGroup(acct.accountId, "Admins");
    await execute(UpdateGroup, { GroupName: "Ops", NewGroupName: "Operations", NewPath: "/x/" }, acct.root);
    expect(await db.group.findFirst({ where: { accountId: acct.accountId, name: "Operations" } })).toMatchObject({ arn: `arn:aws:iam::${acct.accountId}:group/x/Operations` });
    const before = await snapshot(acct.accountId);
    await expectIamError(execute(UpdateGroup, { GroupName: "Operations", NewGroupName: "admins" }, acct.root), "EntityAlreadyExists");
    expect(await snapshot(acct.accountId)).toBe(before);
  });

  it("refuses to delete a group with members or policies, then deletes it when empty", async () => {
    const groupId = await createGroup(acct.accountId, "Ops", [managed("IAMReadOnlyAccess")]);
    await createUser(acct.accountId, "alice", { groupIds: [groupId] });
    await expectIamError(execute(DeleteGroup, { GroupName: "Ops" }, acct.root), "DeleteConflict", "Cannot delete entity, must remove users from group first.");
    await db.groupMembership.deleteMany({ where: { groupId } });
    await expectIamError(execute(DeleteGroup, { GroupName: "Ops" }, acct.root), "DeleteConflict", "Cannot delete entity, must detach all policies first.");
    await db.groupPolicyAttachment.deleteMany({ where: { groupId } });
    await execute(DeleteGroup, { GroupName: "Ops" }, acct.root);
    expect(await db.group.findUnique({ where: { id: groupId } })).toBeNull();
    expect((await auditEvents(acct.accountId, "iam:DeleteGroup")).map((e) => e.result)).toEqual(["Failed", "Failed", "Allowed"]);
  });
});

describe("ListGroups", () => {
  it("filters, sorts, pages and counts", async () => {
    for (const name of ["Admins", "admin_team", "Developers", "Ops"]) await createGroup(acct.accountId, name);
    const all = await execute(ListGroups, {}, acct.root);
    // By lower-cased name: "_" sorts before "s".
    expect(all.Groups.map((g) => g.GroupName)).toEqual(["admin_team", "Admins", "Developers", "Ops"]);
    const filtered = await execute(ListGroups, { Filter: "ADMIN" }, acct.root);
    expect(filtered.TotalCount).toBe(2);
    const first = await execute(ListGroups, { MaxItems: 3, SortOrder: "Descending" }, acct.root);
    expect(first.Groups.map((g) => g.GroupName)).toEqual(["Ops", "Developers", "Admins"]);
    expect(first.IsTruncated).toBe(true);
    const second = await execute(ListGroups, { MaxItems: 3, SortOrder: "Descending", Marker: first.Marker }, acct.root);
    expect(second.Groups.map((g) => g.GroupName)).toEqual(["admin_team"]);
    expect(second.IsTruncated).toBe(false);
  });
});
