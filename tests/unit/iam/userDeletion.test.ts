import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { DeleteUser, DeleteUserWithDependents } from "@/lib/iam/users/deletion";
import { auditEvents, createAccount, createGroup, createUser, db, expectIamError, managed, rowCounts, type TestAccount, createUserWithEverything } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const userWithEverything = (name: string) => createUserWithEverything(acct.accountId, name);

describe("DeleteUser", () => {
  it("deletes a user that has only tags", async () => {
    const user = await createUser(acct.accountId, "temp", { tags: { a: "b" } });
    await execute(DeleteUser, { UserName: "TEMP" }, acct.root);
    expect(await db.user.findUnique({ where: { id: user.userId } })).toBeNull();
    expect(await db.tag.count({ where: { userId: user.userId } })).toBe(0);
  });

  it.each([
    ["login profile", { loginProfile: true }, "Cannot delete entity, must delete login profile first."],
    ["attached policy", { policies: [managed("IAMReadOnlyAccess")] }, "Cannot delete entity, must detach all policies first."],
    ["inline policy", { inline: { P: { Version: "2012-10-17", Statement: [] } } }, "Cannot delete entity, must delete policies first."],
  ])("refuses while the user has a %s (DeleteConflict), changing nothing", async (_label, setup, message) => {
    await createUser(acct.accountId, "busy", setup);
    const before = await rowCounts();
    await expectIamError(execute(DeleteUser, { UserName: "busy" }, acct.root), "DeleteConflict", message);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses while the user is in a group", async () => {
    const groupId = await createGroup(acct.accountId, "g");
    await createUser(acct.accountId, "member", { groupIds: [groupId] });
    await expectIamError(execute(DeleteUser, { UserName: "member" }, acct.root), "DeleteConflict", /remove user from all groups first/);
  });

  it("refuses while the user has access keys or MFA devices", async () => {
    await userWithEverything("loaded");
    await db.loginProfile.deleteMany({ where: { user: { name: "loaded" } } });
    await expectIamError(execute(DeleteUser, { UserName: "loaded" }, acct.root), "DeleteConflict", /must delete access keys first/);
    await db.accessKey.deleteMany({ where: { user: { name: "loaded" } } });
    await expectIamError(execute(DeleteUser, { UserName: "loaded" }, acct.root), "DeleteConflict", /must delete MFA device first/);
  });

  it("reports a missing user", async () => {
    await expectIamError(execute(DeleteUser, { UserName: "ghost" }, acct.root), "NoSuchEntity", "The user with name ghost cannot be found.");
  });
});

describe("DeleteUserWithDependents", () => {
  it("removes every dependent and the user in one step, audited as iam:DeleteUser", async () => {
    const user = await userWithEverything("leaver");
    const { Removed } = await execute(DeleteUserWithDependents, { UserName: "leaver" }, acct.root);
    expect(Removed).toEqual({ LoginProfile: 1, Groups: 1, AttachedPolicies: 1, InlinePolicies: 1, AccessKeys: 1, MFADevices: 1, Tags: 1 });
    expect(await db.user.findUnique({ where: { id: user.userId } })).toBeNull();
    for (const count of [
      db.loginProfile.count({ where: { userId: user.userId } }),
      db.groupMembership.count({ where: { userId: user.userId } }),
      db.accessKey.count({ where: { userId: user.userId } }),
      db.mfaDevice.count({ where: { userId: user.userId } }),
    ]) {
      expect(await count).toBe(0);
    }
    // The group and the AWS managed policy stay: only the user's links to them go.
    expect(await db.group.count({ where: { accountId: acct.accountId } })).toBe(1);
    const [event] = await auditEvents(acct.accountId, "iam:DeleteUser");
    expect(event).toMatchObject({ result: "Allowed", resource: user.arn });
  });

  it("reports a missing user and removes nothing", async () => {
    await userWithEverything("stays");
    const before = await rowCounts();
    await expectIamError(execute(DeleteUserWithDependents, { UserName: "gone" }, acct.root), "NoSuchEntity");
    expect(await rowCounts()).toEqual(before);
  });
});
