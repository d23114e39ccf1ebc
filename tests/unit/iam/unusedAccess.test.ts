import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { accessKeyId } from "@/lib/iam/core/ids";
import { ListUnusedAccessFindings, UpdateUnusedAccessFindings, unusedAccessAnalyzerArn } from "@/lib/iam/reports/unusedAccess";
import { auditEvents, createAccount, createRole, createUser, db, expectIamError, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

const list = (input: Record<string, unknown> = {}) => execute(ListUnusedAccessFindings, input, acct.root);
const ids = async (input: Record<string, unknown> = {}) => (await list(input)).Findings.map((f) => f.Id).sort();

async function oldUser(name: string, createdDaysAgo: number, options: { loginProfile?: boolean } = {}) {
  const user = await createUser(acct.accountId, name, options);
  await db.user.update({ where: { id: user.userId }, data: { createdAt: daysAgo(createdDaysAgo) } });
  if (options.loginProfile) await db.loginProfile.update({ where: { userId: user.userId }, data: { createdAt: daysAgo(createdDaysAgo) } });
  return user;
}

async function event(principalArn: string, time: Date, action = "iam:ListUsers", result = "Allowed") {
  await db.auditEvent.create({ data: { accountId: acct.accountId, principalArn, action, resource: "*", result, time } });
}

describe("unused access findings", () => {
  it("finds a user with no activity for N days, and not one created or active within them", async () => {
    const idle = await oldUser("idle", 200);
    const fresh = await oldUser("fresh", 10);
    const busy = await oldUser("busy", 200);
    await event(busy.arn, daysAgo(5));
    // A failed sign-in is someone trying the password, not the user's activity.
    await event(idle.arn, daysAgo(1), "signin:ConsoleLogin", "Failed");
    expect(await ids({ FindingType: "UnusedIAMUser" })).toEqual([`UnusedIAMUser:${idle.arn}`]);
    const [finding] = (await list({ FindingType: "UnusedIAMUser" })).Findings;
    expect(finding).toMatchObject({ FindingType: "UnusedIAMUser", Resource: idle.arn, ResourceType: "AWS::IAM::User", ResourceName: "idle", Status: "ACTIVE" });
    expect(finding!.LastAccessed).toBeUndefined();
    // With a 3-day age, the user active 5 days ago and the one created 10 days ago are unused too.
    expect(await ids({ FindingType: "UnusedIAMUser", UnusedAccessAge: 3 })).toEqual([busy, fresh, idle].map((u) => `UnusedIAMUser:${u.arn}`).sort());
  });

  it("counts a user's console sign-in and access key use as activity", async () => {
    const signedIn = await oldUser("signedin", 200);
    await db.user.update({ where: { id: signedIn.userId }, data: { passwordLastUsed: daysAgo(2) } });
    const keyUser = await oldUser("keyuser", 200);
    await db.accessKey.create({ data: { id: accessKeyId(), accountId: acct.accountId, userId: keyUser.userId, secretCiphertext: "x", createdAt: daysAgo(150), lastUsedAt: daysAgo(1) } });
    expect(await ids({ FindingType: "UnusedIAMUser" })).toEqual([]);
  });

  it("finds a role whose sessions made no request and that was not assumed for N days", async () => {
    const idle = await createRole(acct.accountId, "Idle");
    const sessions = await createRole(acct.accountId, "Sessions");
    const assumed = await createRole(acct.accountId, "Assumed");
    await db.role.updateMany({ where: { accountId: acct.accountId }, data: { createdAt: daysAgo(300) } });
    await db.role.update({ where: { id: assumed.id }, data: { lastUsedAt: daysAgo(3) } });
    await event(`arn:aws:sts::${acct.accountId}:assumed-role/Sessions/ci-run`, daysAgo(4));
    // Another role's session name is not this role's activity.
    await event(`arn:aws:sts::${acct.accountId}:assumed-role/IdleX/s`, daysAgo(1));
    const out = await list({ FindingType: "UnusedIAMRole" });
    expect(out.Findings.map((f) => [f.ResourceName, f.ResourceType])).toEqual([["Idle", "AWS::IAM::Role"]]);
    expect(await ids({ FindingType: "UnusedIAMRole", UnusedAccessAge: 2 })).toEqual([`UnusedIAMRole:${assumed.arn}`, `UnusedIAMRole:${idle.arn}`, `UnusedIAMRole:${sessions.arn}`].sort());
  });

  it("finds a console password not used for N days, counting a never-used one from its creation", async () => {
    const never = await oldUser("never", 200, { loginProfile: true });
    const recent = await oldUser("recent", 200, { loginProfile: true });
    await db.user.update({ where: { id: recent.userId }, data: { passwordLastUsed: daysAgo(10) } });
    const old = await oldUser("old", 400, { loginProfile: true });
    await db.user.update({ where: { id: old.userId }, data: { passwordLastUsed: daysAgo(120) } });
    // A password set 5 days ago is in its tracking period, however long ago the user signed in last.
    const reset = await oldUser("reset", 400, { loginProfile: true });
    await db.loginProfile.update({ where: { userId: reset.userId }, data: { createdAt: daysAgo(5) } });
    await oldUser("nopassword", 400);
    const findings = (await list({ FindingType: "UnusedIAMUserPassword" })).Findings;
    expect(findings.map((f) => f.ResourceName)).toEqual(["never", "old"]);
    const lastUse = findings.find((f) => f.ResourceName === "old")!.LastAccessed!;
    expect(Math.round((Date.now() - lastUse.getTime()) / DAY)).toBe(120);
    expect(findings.find((f) => f.Resource === never.arn)!.LastAccessed).toBeUndefined();
  });

  it("finds an active access key never used (from its creation) or not used for N days, and no inactive or recent key", async () => {
    const u = await oldUser("keys", 400);
    const neverUsed = accessKeyId();
    const stale = accessKeyId();
    const used = accessKeyId();
    const inactive = accessKeyId();
    const young = accessKeyId();
    await db.accessKey.createMany({
      data: [
        { id: neverUsed, accountId: acct.accountId, userId: u.userId, secretCiphertext: "x", createdAt: daysAgo(100) },
        { id: stale, accountId: acct.accountId, userId: u.userId, secretCiphertext: "x", createdAt: daysAgo(300), lastUsedAt: daysAgo(95) },
        { id: used, accountId: acct.accountId, userId: u.userId, secretCiphertext: "x", createdAt: daysAgo(300), lastUsedAt: daysAgo(1) },
        { id: inactive, accountId: acct.accountId, userId: u.userId, secretCiphertext: "x", createdAt: daysAgo(300), status: "Inactive" },
        { id: young, accountId: acct.accountId, userId: u.userId, secretCiphertext: "x", createdAt: daysAgo(20) },
      ],
    });
    const findings = (await list({ FindingType: "UnusedIAMUserAccessKey" })).Findings;
    expect(findings.map((f) => f.AccessKeyId).sort()).toEqual([neverUsed, stale].sort());
    const never = findings.find((f) => f.AccessKeyId === neverUsed)!;
    expect(never).toMatchObject({ Id: `UnusedIAMUserAccessKey:${neverUsed}`, Resource: u.arn, ResourceName: "keys", Status: "ACTIVE" });
    expect(never.LastAccessed).toBeUndefined();
    expect(Math.round((Date.now() - never.UnusedSince.getTime()) / DAY)).toBe(100);
    // Longest unused first.
    expect(findings[0]!.AccessKeyId).toBe(neverUsed);
  });

  it("reads the account's own principals only, and counts active findings per type", async () => {
    const other = await createAccount();
    const stranger = await createUser(other.accountId, "stranger");
    await db.user.update({ where: { id: stranger.userId }, data: { createdAt: daysAgo(300) } });
    await oldUser("mine", 300, { loginProfile: true });
    const out = await list();
    expect(out.Findings.map((f) => f.ResourceName)).toEqual(["mine", "mine"]);
    expect(out.ActiveCounts).toEqual({ UnusedIAMRole: 0, UnusedIAMUser: 1, UnusedIAMUserPassword: 1, UnusedIAMUserAccessKey: 0, UnusedPermission: 0 });
    expect(out.TotalCount).toBe(2);
  });

  it("pages with MaxItems and Marker", async () => {
    for (const name of ["a", "b", "c"]) await oldUser(name, 200);
    const first = await list({ MaxItems: 2 });
    expect(first.Findings).toHaveLength(2);
    expect(first.IsTruncated).toBe(true);
    const second = await list({ MaxItems: 2, Marker: first.Marker });
    expect(second.Findings).toHaveLength(1);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
    expect(new Set([...first.Findings, ...second.Findings].map((f) => f.Id)).size).toBe(3);
  });

  it("refuses an unused access age outside 1–365 days", async () => {
    await expectIamError(list({ UnusedAccessAge: 0 }), "ValidationError", /at least 1 day/);
    await expectIamError(list({ UnusedAccessAge: 366 }), "ValidationError", /at most 365 days/);
  });
});

describe("archiving and resolving findings", () => {
  it("archives a finding out of the active view, lists it as ARCHIVED, and unarchives it", async () => {
    const u = await oldUser("idle", 200);
    const id = `UnusedIAMUser:${u.arn}`;
    await execute(UpdateUnusedAccessFindings, { Ids: [id], Status: "ARCHIVED" }, acct.root);
    expect(await ids()).toEqual([]);
    const archived = (await list({ Status: "ARCHIVED" })).Findings;
    expect(archived.map((f) => [f.Id, f.Status, f.StatusUpdatedBy])).toEqual([[id, "ARCHIVED", acct.root.arn]]);
    expect((await list()).ActiveCounts.UnusedIAMUser).toBe(0);
    await execute(UpdateUnusedAccessFindings, { Ids: [id], Status: "ACTIVE" }, acct.root);
    expect(await ids()).toEqual([id]);
    expect(await db.accessFindingState.count({ where: { accountId: acct.accountId } })).toBe(0);
  });

  it("keeps a resolved finding resolved until a full unused period passes after it was resolved", async () => {
    const u = await oldUser("idle", 200);
    const id = `UnusedIAMUser:${u.arn}`;
    await execute(UpdateUnusedAccessFindings, { Ids: [id], Status: "RESOLVED" }, acct.root);
    expect(await ids()).toEqual([]);
    expect((await list({ Status: "RESOLVED" })).Findings.map((f) => f.Id)).toEqual([id]);
    // Resolved 100 days ago and still unused since: the condition holds again, so it is back.
    await db.accessFindingState.update({ where: { accountId_findingKey: { accountId: acct.accountId, findingKey: id } }, data: { updatedAt: daysAgo(100) } });
    expect(await ids()).toEqual([id]);
    expect(await ids({ Status: "RESOLVED" })).toEqual([]);
    // An archived one stays archived however long it goes unused.
    await execute(UpdateUnusedAccessFindings, { Ids: [id], Status: "ARCHIVED" }, acct.root);
    await db.accessFindingState.update({ where: { accountId_findingKey: { accountId: acct.accountId, findingKey: id } }, data: { updatedAt: daysAgo(100) } });
    expect(await ids()).toEqual([]);
  });

  it("refuses a finding whose subject is gone, and changes nothing", async () => {
    const u = await oldUser("idle", 200);
    await expectIamError(
      execute(UpdateUnusedAccessFindings, { Ids: [`UnusedIAMUser:${u.arn}`, "UnusedIAMUserAccessKey:AKIAGONE0000000000"], Status: "ARCHIVED" }, acct.root),
      "NoSuchEntity",
      /AKIAGONE0000000000/,
    );
    expect(await db.accessFindingState.count({ where: { accountId: acct.accountId } })).toBe(0);
    await expectIamError(execute(UpdateUnusedAccessFindings, { Ids: ["Nonsense:x"], Status: "ARCHIVED" }, acct.root), "ValidationError", /not a finding ID/);
  });

  it("is decided by the engine as Access Analyzer's actions on the account's analyzer", async () => {
    const nobody = await createUser(acct.accountId, "nobody");
    await expectIamError(execute(ListUnusedAccessFindings, {}, nobody), "AccessDenied", /access-analyzer:ListFindings/);
    await expectIamError(execute(UpdateUnusedAccessFindings, { Ids: [`UnusedIAMUser:${nobody.arn}`], Status: "ARCHIVED" }, nobody), "AccessDenied", /access-analyzer:UpdateFindings/);
    const events = await auditEvents(acct.accountId);
    expect(events.filter((e) => e.action.startsWith("access-analyzer:")).map((e) => [e.action, e.resource, e.result])).toEqual([
      ["access-analyzer:ListFindings", unusedAccessAnalyzerArn(acct.accountId), "Denied"],
      ["access-analyzer:UpdateFindings", unusedAccessAnalyzerArn(acct.accountId), "Denied"],
    ]);
  });
});

describe("at AWS's quotas", () => {
  it("lists the findings of 5,000 users with keys and passwords and 1,000 roles, over 50,000 audit events", { timeout: 120_000 }, async () => {
    const old = daysAgo(400);
    await db.user.createMany({
      data: Array.from({ length: 5000 }, (_, i) => ({ id: `AIDAQ${acct.accountId}${String(i).padStart(5, "0")}`, accountId: acct.accountId, name: `u${i}`, nameLower: `u${i}`, arn: `arn:aws:iam::${acct.accountId}:user/u${i}`, createdAt: old })),
    });
    const users = await db.user.findMany({ where: { accountId: acct.accountId }, select: { id: true, arn: true } });
    await db.loginProfile.createMany({ data: users.map((u) => ({ userId: u.id, passwordHash: "x", createdAt: old })) });
    await db.accessKey.createMany({ data: users.map((u) => ({ id: accessKeyId(), accountId: acct.accountId, userId: u.id, secretCiphertext: "x", createdAt: old })) });
    await db.role.createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({ id: `AROAQ${acct.accountId}${String(i).padStart(5, "0")}`, accountId: acct.accountId, name: `r${i}`, nameLower: `r${i}`, arn: `arn:aws:iam::${acct.accountId}:role/r${i}`, trustPolicy: "{}", createdAt: old })),
    });
    // Half the users active yesterday, 20 events each.
    await db.auditEvent.createMany({
      data: Array.from({ length: 50_000 }, (_, i) => ({ accountId: acct.accountId, principalArn: users[i % 2500]!.arn, action: "iam:ListUsers", resource: "*", result: "Allowed", time: daysAgo(1) })),
    });
    // How fast is measured by bench:reports, never asserted here (shared, noisy machines).
    const out = await list({ MaxItems: 25 });
    expect(out.ActiveCounts).toEqual({ UnusedIAMRole: 1000, UnusedIAMUser: 2500, UnusedIAMUserPassword: 5000, UnusedIAMUserAccessKey: 5000, UnusedPermission: 0 });
    expect(out.TotalCount).toBe(13_500);
  });
});
