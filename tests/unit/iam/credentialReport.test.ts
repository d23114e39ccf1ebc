import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { accessKeyId } from "@/lib/iam/core/ids";
import { GenerateCredentialReport, GetCredentialReport } from "@/lib/iam/reports/credentialReport";
import { CREDENTIAL_REPORT_COLUMNS, parseCsv, type CredentialReportRow } from "@/lib/iam/reports/credentialReportCsv";
import { auditEvents, createAccount, createUser, db, expectIamError, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);

async function report(): Promise<{ content: string; rows: CredentialReportRow[] }> {
  await execute(GenerateCredentialReport, {}, acct.root);
  const out = await execute(GetCredentialReport, {}, acct.root);
  return { content: out.Content, rows: parseCsv(out.Content) };
}

const rowOf = (rows: CredentialReportRow[], user: string) => {
  const row = rows.find((r) => r.user === user);
  if (!row) throw new Error(`no row for ${user}`);
  return row;
};

/** Sets the stored report's times, as if it had been generated that long ago. */
async function ageReport(ms: number) {
  const then = new Date(Date.now() - ms);
  await db.credentialReport.update({ where: { accountId: acct.accountId }, data: { startedAt: then, generatedAt: then } });
}

describe("the credential report's CSV", () => {
  it("has AWS's 22 columns in order, the root user first, then the users by name", async () => {
    await createUser(acct.accountId, "zed");
    await createUser(acct.accountId, "amy");
    const { content, rows } = await report();
    const [header] = content.split("\n");
    expect(header).toBe(
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
    );
    expect(CREDENTIAL_REPORT_COLUMNS).toHaveLength(22);
    expect(content.split("\n")).toHaveLength(4);
    expect(rows.map((r) => r.user)).toEqual(["<root_account>", "amy", "zed"]);
  });

  it("writes the root row: not_supported password fields, no_information for a password never used, its MFA and keys", async () => {
    const created = at("2026-01-02T03:04:05.678Z");
    await db.rootUser.update({ where: { accountId: acct.accountId }, data: { createdAt: created } });
    let { rows } = await report();
    expect(rowOf(rows, "<root_account>")).toEqual({
      user: "<root_account>",
      arn: `arn:aws:iam::${acct.accountId}:root`,
      user_creation_time: "2026-01-02T03:04:05+00:00",
      password_enabled: "not_supported",
      password_last_used: "no_information",
      password_last_changed: "not_supported",
      password_next_rotation: "not_supported",
      mfa_active: "FALSE",
      access_key_1_active: "FALSE",
      access_key_1_last_rotated: "N/A",
      access_key_1_last_used_date: "N/A",
      access_key_1_last_used_region: "N/A",
      access_key_1_last_used_service: "N/A",
      access_key_2_active: "FALSE",
      access_key_2_last_rotated: "N/A",
      access_key_2_last_used_date: "N/A",
      access_key_2_last_used_region: "N/A",
      access_key_2_last_used_service: "N/A",
      cert_1_active: "FALSE",
      cert_1_last_rotated: "N/A",
      cert_2_active: "FALSE",
      cert_2_last_rotated: "N/A",
    });

    await db.rootUser.update({ where: { accountId: acct.accountId }, data: { passwordLastUsed: at("2026-11-30T08:00:00Z") } });
    await db.mfaDevice.create({ data: { accountId: acct.accountId, serialNumber: `arn:aws:iam::${acct.accountId}:mfa/root`, name: "root", rootAccountId: acct.accountId, secretCiphertext: "x", enabledAt: new Date() } });
    await db.accessKey.create({ data: { id: accessKeyId(), accountId: acct.accountId, rootAccountId: acct.accountId, secretCiphertext: "x", createdAt: at("2026-06-01T00:00:00Z") } });
    await ageReport(5 * HOUR);
    ({ rows } = await report());
    const root = rowOf(rows, "<root_account>");
    expect(root.password_last_used).toBe("2026-11-30T08:00:00+00:00");
    expect(root.password_enabled).toBe("not_supported");
    expect(root.mfa_active).toBe("TRUE");
    expect([root.access_key_1_active, root.access_key_1_last_rotated]).toEqual(["TRUE", "2026-06-01T00:00:00+00:00"]);
  });

  it("writes N/A for the password fields of a user without a password", async () => {
    await createUser(acct.accountId, "api-only");
    const { rows } = await report();
    const row = rowOf(rows, "api-only");
    expect([row.password_enabled, row.password_last_used, row.password_last_changed, row.password_next_rotation]).toEqual(["FALSE", "N/A", "N/A", "N/A"]);
    expect(row.mfa_active).toBe("FALSE");
  });

  it("writes no_information for a password never used, and the time of its last use otherwise", async () => {
    const never = await createUser(acct.accountId, "never", { loginProfile: true });
    const used = await createUser(acct.accountId, "used", { loginProfile: true });
    await db.loginProfile.update({ where: { userId: never.userId }, data: { passwordChangedAt: at("2026-10-01T12:00:00Z") } });
    await db.user.update({ where: { id: used.userId }, data: { passwordLastUsed: at("2026-11-20T09:30:15Z") } });
    const { rows } = await report();
    expect([rowOf(rows, "never").password_enabled, rowOf(rows, "never").password_last_used, rowOf(rows, "never").password_last_changed]).toEqual([
      "TRUE",
      "no_information",
      "2026-10-01T12:00:00+00:00",
    ]);
    expect(rowOf(rows, "used").password_last_used).toBe("2026-11-20T09:30:15+00:00");
    // No password policy, or one without MaxPasswordAge: passwords never have to rotate.
    expect(rowOf(rows, "never").password_next_rotation).toBe("N/A");
  });

  it("computes password_next_rotation from the password policy's MaxPasswordAge", async () => {
    const u = await createUser(acct.accountId, "rotating", { loginProfile: true });
    await db.loginProfile.update({ where: { userId: u.userId }, data: { passwordChangedAt: at("2026-11-01T10:00:00Z") } });
    await db.passwordPolicy.create({ data: { accountId: acct.accountId, maxPasswordAge: 90 } });
    const { rows } = await report();
    expect(rowOf(rows, "rotating").password_next_rotation).toBe("2027-01-30T10:00:00+00:00");
  });

  it("reports MFA as active only for an enabled device (an enrollment never finished does not count)", async () => {
    const done = await createUser(acct.accountId, "done");
    const half = await createUser(acct.accountId, "half");
    for (const [u, enabledAt] of [[done, new Date()], [half, null]] as const) {
      await db.mfaDevice.create({ data: { accountId: acct.accountId, serialNumber: `arn:aws:iam::${acct.accountId}:mfa/${u.userName}`, name: u.userName!, userId: u.userId, secretCiphertext: "x", enabledAt } });
    }
    const { rows } = await report();
    expect(rowOf(rows, "done").mfa_active).toBe("TRUE");
    expect(rowOf(rows, "half").mfa_active).toBe("FALSE");
  });

  it("numbers two keys oldest first, with each key's state, rotation and last use (N/A for a key never used)", async () => {
    const u = await createUser(acct.accountId, "twokeys");
    const newer = accessKeyId();
    await db.accessKey.create({ data: { id: newer, accountId: acct.accountId, userId: u.userId, secretCiphertext: "x", createdAt: at("2026-09-01T00:00:00Z"), status: "Inactive" } });
    await db.accessKey.create({
      data: {
        id: accessKeyId(),
        accountId: acct.accountId,
        userId: u.userId,
        secretCiphertext: "x",
        createdAt: at("2026-03-01T00:00:00Z"),
        lastUsedAt: at("2026-11-29T23:59:59.999Z"),
        lastUsedRegion: "eu-west-1",
        lastUsedService: "iam",
      },
    });
    const { rows } = await report();
    const row = rowOf(rows, "twokeys");
    expect(CREDENTIAL_REPORT_COLUMNS.slice(8, 18).map((c) => row[c])).toEqual([
      "TRUE",
      "2026-03-01T00:00:00+00:00",
      "2026-11-29T23:59:59+00:00",
      "eu-west-1",
      "iam",
      "FALSE",
      "2026-09-01T00:00:00+00:00",
      "N/A",
      "N/A",
      "N/A",
    ]);
    expect([row.cert_1_active, row.cert_1_last_rotated, row.cert_2_active, row.cert_2_last_rotated]).toEqual(["FALSE", "N/A", "FALSE", "N/A"]);
  });

  it("quotes a user name with a comma (IAM allows it) and parses it back", async () => {
    await createUser(acct.accountId, "smith,jane");
    const { content, rows } = await report();
    expect(content).toContain(`"smith,jane","arn:aws:iam::${acct.accountId}:user/smith,jane",`);
    expect(rowOf(rows, "smith,jane").arn).toBe(`arn:aws:iam::${acct.accountId}:user/smith,jane`);
  });

  it("reports the account's users only", async () => {
    const other = await createAccount();
    await createUser(other.accountId, "stranger");
    const { rows } = await report();
    expect(rows.map((r) => r.user)).toEqual(["<root_account>"]);
  });
});

describe("GenerateCredentialReport and GetCredentialReport", () => {
  it("answers STARTED for the call that generates, COMPLETE within 4 hours, and keeps that report as is", async () => {
    expect(await execute(GenerateCredentialReport, {}, acct.root)).toEqual({ State: "STARTED", Description: "No report exists. Starting a new report generation task" });
    const first = await execute(GetCredentialReport, {}, acct.root);
    expect(first.ReportFormat).toBe("text/csv");
    await createUser(acct.accountId, "late");
    expect(await execute(GenerateCredentialReport, {}, acct.root)).toEqual({ State: "COMPLETE" });
    const second = await execute(GetCredentialReport, {}, acct.root);
    expect(second).toEqual(first);
    expect(second.Content).not.toContain("late");
  });

  it("generates a new report when the last one is over 4 hours old", async () => {
    await execute(GenerateCredentialReport, {}, acct.root);
    await createUser(acct.accountId, "late");
    await ageReport(4 * HOUR - 60_000);
    expect((await execute(GenerateCredentialReport, {}, acct.root)).State).toBe("COMPLETE");
    await ageReport(4 * HOUR + 1000);
    expect((await execute(GenerateCredentialReport, {}, acct.root)).State).toBe("STARTED");
    const out = await execute(GetCredentialReport, {}, acct.root);
    expect(out.Content).toContain("late");
    expect(Date.now() - out.GeneratedTime.getTime()).toBeLessThan(60_000);
  });

  it("refuses with ReportNotPresent before any report, ReportExpired after 4 hours, ReportInProgress for one still generating", async () => {
    await expectIamError(execute(GetCredentialReport, {}, acct.root), "ReportNotPresent", /GenerateCredentialReport/);
    await execute(GenerateCredentialReport, {}, acct.root);
    await ageReport(4 * HOUR + 1000);
    await expectIamError(execute(GetCredentialReport, {}, acct.root), "ReportExpired", /more than 4 hours old/);
    await db.credentialReport.update({ where: { accountId: acct.accountId }, data: { state: "INPROGRESS", content: null, generatedAt: null, startedAt: new Date() } });
    await expectIamError(execute(GetCredentialReport, {}, acct.root), "ReportInProgress", /still being generated/);
    // Another writer's generation is not started twice.
    expect((await execute(GenerateCredentialReport, {}, acct.root)).State).toBe("INPROGRESS");
    expect((await db.credentialReport.findUniqueOrThrow({ where: { accountId: acct.accountId } })).content).toBeNull();
  });

  it("is decided by the engine: a user without iam:GenerateCredentialReport is denied and nothing is stored", async () => {
    const nobody = await createUser(acct.accountId, "nobody");
    await expectIamError(execute(GenerateCredentialReport, {}, nobody), "AccessDenied");
    expect(await db.credentialReport.findUnique({ where: { accountId: acct.accountId } })).toBeNull();
    const denied = await auditEvents(acct.accountId, "iam:GenerateCredentialReport");
    expect(denied.map((e) => [e.result, e.resource])).toEqual([["Denied", "*"]]);
  });

  it("generates 5,000 users' report in under 5 seconds", { timeout: 60_000 }, async () => {
    const now = Date.now();
    await db.user.createMany({
      data: Array.from({ length: 5000 }, (_, i) => ({
        id: `AIDABULK${acct.accountId}${String(i).padStart(5, "0")}`,
        accountId: acct.accountId,
        name: `bulk${i}`,
        nameLower: `bulk${i}`,
        arn: `arn:aws:iam::${acct.accountId}:user/bulk${i}`,
        createdAt: new Date(now - (i % 400) * DAY),
      })),
    });
    const users = await db.user.findMany({ where: { accountId: acct.accountId }, select: { id: true } });
    await db.loginProfile.createMany({ data: users.filter((_, i) => i % 2 === 0).map((u) => ({ userId: u.id, passwordHash: "x" })) });
    await db.accessKey.createMany({ data: users.flatMap((u) => [0, 1].map(() => ({ id: accessKeyId(), accountId: acct.accountId, userId: u.id, secretCiphertext: "x" }))) });
    const started = performance.now();
    await execute(GenerateCredentialReport, {}, acct.root);
    const out = await execute(GetCredentialReport, {}, acct.root);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(parseCsv(out.Content)).toHaveLength(5001);
  });
});
