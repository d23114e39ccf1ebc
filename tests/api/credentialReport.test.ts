// The credential report through the SDK: GenerateCredentialReport's states, GetCredentialReport's
// base64 Content decoding to AWS's CSV, and its errors with AWS's codes and statuses.

import { beforeAll, describe, expect, it } from "vitest";
import { CreateLoginProfileCommand, GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from "@aws-sdk/client-iam";
import { apiFailure, db, iamClient, newApiAccount, newApiUser, type ApiAccount } from "./support/apiAccount";

describe("the credential report", () => {
  let account: ApiAccount;
  let iam: IAMClient;
  beforeAll(async () => {
    account = await newApiAccount();
    iam = iamClient(account.rootKey);
  });

  it("is ReportNotPresent (410) before one is generated", async () => {
    expect(await apiFailure(iam.send(new GetCredentialReportCommand({})))).toMatchObject({ name: "CredentialReportNotPresentException", status: 410, message: expect.stringMatching(/GenerateCredentialReport/) });
  });

  it("is generated (STARTED), kept within 4 hours (COMPLETE), and its Content decodes to the CSV", async () => {
    const alice = await newApiUser(iam, "alice");
    await iam.send(new CreateLoginProfileCommand({ UserName: "alice", Password: "Correct-Horse-9!" }));
    expect(await iam.send(new GenerateCredentialReportCommand({}))).toMatchObject({ State: "STARTED", Description: "No report exists. Starting a new report generation task" });
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");

    const report = await iam.send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe("text/csv");
    expect(report.GeneratedTime).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - report.GeneratedTime!.getTime())).toBeLessThan(60_000);
    const lines = new TextDecoder().decode(report.Content).split("\n");
    expect(lines[0]).toBe(
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
    );
    // The root user's key signed these very requests: its last use is recorded, with the service.
    expect(lines[1]).toMatch(new RegExp(`^<root_account>,arn:aws:iam::${account.accountId}:root,[^,]+,not_supported,no_information,not_supported,not_supported,FALSE,TRUE,[^,]+\\+00:00,`));
    const aliceRow = lines.find((line) => line.startsWith("alice,"))!.split(",");
    expect(aliceRow.slice(0, 2)).toEqual(["alice", alice.arn]);
    expect(aliceRow.slice(3, 9)).toEqual(["TRUE", "no_information", expect.stringMatching(/\+00:00$/), "N/A", "FALSE", "TRUE"]);
    expect(aliceRow.slice(10, 13)).toEqual(["N/A", "N/A", "N/A"]);
    expect(aliceRow.slice(18)).toEqual(["FALSE", "N/A", "FALSE", "N/A"]);
  });

  it("is ReportExpired (410) once the report is over 4 hours old, and a new Generate starts another", async () => {
    const old = new Date(Date.now() - 5 * 60 * 60 * 1000);
    await db.credentialReport.update({ where: { accountId: account.accountId }, data: { startedAt: old, generatedAt: old } });
    expect(await apiFailure(iam.send(new GetCredentialReportCommand({})))).toMatchObject({ name: "CredentialReportExpiredException", status: 410 });
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("STARTED");
    expect((await iam.send(new GetCredentialReportCommand({}))).GeneratedTime!.getTime()).toBeGreaterThan(old.getTime());
  });

  it("is ReportInProgress (404) while another writer is generating it", async () => {
    await db.credentialReport.update({ where: { accountId: account.accountId }, data: { state: "INPROGRESS", content: null, generatedAt: null } });
    expect(await apiFailure(iam.send(new GetCredentialReportCommand({})))).toMatchObject({ name: "CredentialReportNotReadyException", status: 404 });
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("INPROGRESS");
  });

  it("is AccessDenied for a user without iam:GenerateCredentialReport", async () => {
    const bob = await newApiUser(iam, "bob");
    expect(await apiFailure(iamClient(bob.key).send(new GenerateCredentialReportCommand({})))).toMatchObject({ name: "AccessDenied", status: 403 });
  });
});
