// UnusedPermission findings: the services a user's or role's permissions policies grant, as the
// engine decides them, that nobody attempted for N days (attempts allowed or denied both count, as
// last accessed defines them), and, for the services whose actions are tracked (IAM, STS), each
// granted action unused; with archive and resolve as for the other unused access findings.

import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { ListUnusedAccessFindings, UpdateUnusedAccessFindings } from "@/lib/iam/reports/unusedAccess";
import { createAccount, createCustomerPolicy, createGroup, createRole, createUser, db, expectIamError, managed, type TestAccount, type UserSetup } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const allow = (...Action: string[]) => ({ Effect: "Allow", Action, Resource: "*" });

const list = (input: Record<string, unknown> = {}) => execute(ListUnusedAccessFindings, { FindingType: "UnusedPermission", ...input }, acct.root);
/** The unused services of one principal. */
const unusedServices = async (arn: string, input: Record<string, unknown> = {}) =>
  (await list({ MaxItems: 1000, ...input })).Findings.filter((f) => f.Resource === arn).map((f) => f.ServiceNamespace).sort();

async function oldUser(name: string, setup: UserSetup = {}, createdDaysAgo = 200) {
  const user = await createUser(acct.accountId, name, setup);
  await db.user.update({ where: { id: user.userId }, data: { createdAt: daysAgo(createdDaysAgo) } });
  return user;
}

async function event(principalArn: string, action: string, time: Date, result = "Allowed") {
  await db.auditEvent.create({ data: { accountId: acct.accountId, principalArn, action, resource: "*", result, time } });
}

describe("unused permission findings", () => {
  it("finds a granted service not attempted for N days, or attempted only before them; an allowed or denied attempt within them is use", async () => {
    const dev = await oldUser("dev", { inline: { Work: doc(allow("s3:GetObject", "dynamodb:GetItem", "sqs:SendMessage", "sns:Publish")) } });
    await event(dev.arn, "s3:GetObject", daysAgo(5));
    await event(dev.arn, "dynamodb:GetItem", daysAgo(120));
    // Denied: the attempt still says the permission is wanted.
    await event(dev.arn, "sns:Publish", daysAgo(2), "Denied");
    // Another action of a granted service counts for the service.
    await event(dev.arn, "sqs:ListQueues", daysAgo(200));
    const findings = (await list()).Findings;
    expect(findings.map((f) => [f.ServiceNamespace, f.ResourceName])).toEqual([
      ["sqs", "dev"],
      ["dynamodb", "dev"],
    ]);
    const [sqs, dynamodb] = findings;
    expect(sqs).toMatchObject({ Id: `UnusedPermission:${dev.arn}:sqs`, FindingType: "UnusedPermission", Resource: dev.arn, ResourceType: "AWS::IAM::User", ServiceName: "Amazon SQS", Status: "ACTIVE" });
    expect(Math.round((Date.now() - sqs!.LastAccessed!.getTime()) / DAY)).toBe(200);
    expect(Math.round((Date.now() - dynamodb!.LastAccessed!.getTime()) / DAY)).toBe(120);
    // With a 150-day age, only the service unused for 200 days is a finding.
    expect(await unusedServices(dev.arn, { UnusedAccessAge: 150 })).toEqual(["sqs"]);
    expect((await list()).ActiveCounts.UnusedPermission).toBe(2);
  });

  it("finds nothing a Deny or the permissions boundary takes away, and nothing for a principal in its tracking period", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "OnlyLambdaAndLogs", doc(allow("lambda:*", "logs:*")));
    const guarded = await oldUser("guarded", {
      inline: {
        Grants: doc(allow("ec2:*", "lambda:GetFunction", "cloudwatch:GetMetricData")),
        NoEc2: doc({ Effect: "Deny", Action: "ec2:*", Resource: "*" }),
      },
    });
    await db.user.update({ where: { id: guarded.userId }, data: { permissionsBoundaryArn: boundary } });
    // A Deny of some actions leaves the others granted.
    const partly = await oldUser("partly", { inline: { Grants: doc(allow("kms:Decrypt", "kms:Encrypt")), NoDecrypt: doc({ Effect: "Deny", Action: "kms:Decrypt", Resource: "*" }) } });
    const young = await oldUser("young", { inline: { Grants: doc(allow("sqs:SendMessage")) } }, 10);
    expect(await unusedServices(guarded.arn)).toEqual(["lambda"]);
    expect(await unusedServices(partly.arn)).toEqual(["kms"]);
    expect(await unusedServices(young.arn)).toEqual([]);
    expect(await unusedServices(young.arn, { UnusedAccessAge: 5 })).toEqual(["sqs"]);
  });

  it("counts a permission granted only under a condition the request may meet (MFA), and one granted through a group", async () => {
    const mfa = await oldUser("mfa", { inline: { WithMfa: doc({ ...allow("ec2:StopInstances"), Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }) } });
    const policy = await createCustomerPolicy(acct.accountId, "Logs", doc(allow("logs:GetLogEvents")));
    const readers = await createGroup(acct.accountId, "LogReaders", [policy]);
    const member = await oldUser("member", { groupIds: [readers] });
    const alsoMember = await oldUser("also", { groupIds: [readers] });
    await event(alsoMember.arn, "logs:GetLogEvents", daysAgo(1));
    expect(await unusedServices(mfa.arn)).toEqual(["ec2"]);
    expect(await unusedServices(member.arn)).toEqual(["logs"]);
    // Each member's own use counts: the other member's attempt is not this one's.
    expect(await unusedServices(alsoMember.arn)).toEqual([]);
    // A group makes no request: its grants are its members' findings.
    expect((await list()).Findings.filter((f) => f.Resource.includes(":group/"))).toEqual([]);
  });

  it("counts a role's sessions' attempts as the role's use, and none of another role's", async () => {
    const role = await createRole(acct.accountId, "Deployer", { path: "/ci/", inline: { Deploy: doc(allow("s3:PutObject", "cloudformation:CreateStack")) } });
    const other = await createRole(acct.accountId, "DeployerTwo", { inline: { Deploy: doc(allow("s3:PutObject")) } });
    await db.role.updateMany({ where: { accountId: acct.accountId }, data: { createdAt: daysAgo(300) } });
    await event(`arn:aws:sts::${acct.accountId}:assumed-role/Deployer/build-42`, "s3:PutObject", daysAgo(3), "Denied");
    expect(await unusedServices(role.arn)).toEqual(["cloudformation"]);
    expect(await unusedServices(other.arn)).toEqual(["s3"]);
    const finding = (await list()).Findings.find((f) => f.Resource === role.arn)!;
    expect(finding).toMatchObject({ Id: `UnusedPermission:${role.arn}:cloudformation`, ResourceType: "AWS::IAM::Role", ResourceName: "Deployer" });
  });

  it("lists every service an administrator never used, whatever the policy's wildcards, and IAM's actions but the one used", async () => {
    const admin = await oldUser("admin", { policies: [managed("AdministratorAccess")] });
    await event(admin.arn, "iam:ListUsers", daysAgo(1));
    const findings = (await list({ MaxItems: 1000 })).Findings;
    expect(findings.length).toBeGreaterThan(300);
    expect(findings.map((f) => f.ServiceNamespace)).toContain("s3");
    // S3's actions are not tracked: its finding is the service's.
    expect(findings.find((f) => f.ServiceNamespace === "s3")!.UnusedActions).toBeUndefined();
    const iam = findings.find((f) => f.ServiceNamespace === "iam")!;
    expect(iam.GrantedActionCount).toBeGreaterThan(100);
    expect(iam.UnusedActions).toHaveLength(iam.GrantedActionCount! - 1);
    expect(iam.UnusedActions!.map((a) => a.Action)).not.toContain("iam:ListUsers");
    expect(iam.UnusedActions!.map((a) => a.Action)).toContain("iam:DeleteUser");
  });

  it("lists a tracked service's granted actions unused for N days, unused since the latest use of any of them, and no finding once each is used", async () => {
    const ops = await oldUser("ops", { inline: { Iam: doc(allow("iam:GetUser", "iam:ListUsers", "iam:DeleteUser"), { Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" }) } });
    await event(ops.arn, "iam:ListUsers", daysAgo(1));
    await event(ops.arn, "iam:GetUser", daysAgo(100), "Denied");
    const [finding] = (await list()).Findings;
    // DeleteUser is denied, so it is not granted; GetUser was last attempted 100 days ago.
    expect(finding).toMatchObject({ Id: `UnusedPermission:${ops.arn}:iam`, ServiceNamespace: "iam", GrantedActionCount: 2 });
    expect(finding!.UnusedActions!.map((a) => a.Action)).toEqual(["iam:GetUser"]);
    expect(Math.round((Date.now() - finding!.UnusedSince.getTime()) / DAY)).toBe(100);
    // The service was used yesterday, which is its last access.
    expect(Math.round((Date.now() - finding!.LastAccessed!.getTime()) / DAY)).toBe(1);
    await event(ops.arn, "iam:GetUser", daysAgo(2));
    expect(await unusedServices(ops.arn)).toEqual([]);
  });
});

describe("archiving and resolving unused permission findings", () => {
  it("archives, unarchives and resolves a finding by its ID, and refuses one whose principal is gone", async () => {
    const dev = await oldUser("dev", { inline: { Work: doc(allow("sqs:SendMessage", "sns:Publish")) } });
    const id = `UnusedPermission:${dev.arn}:sqs`;
    await execute(UpdateUnusedAccessFindings, { Ids: [id], Status: "ARCHIVED" }, acct.root);
    expect(await unusedServices(dev.arn)).toEqual(["sns"]);
    expect((await list({ Status: "ARCHIVED" })).Findings.map((f) => [f.Id, f.Status, f.StatusUpdatedBy])).toEqual([[id, "ARCHIVED", acct.root.arn]]);
    expect((await list()).ActiveCounts.UnusedPermission).toBe(1);
    await execute(UpdateUnusedAccessFindings, { Ids: [id], Status: "ACTIVE" }, acct.root);
    expect(await unusedServices(dev.arn)).toEqual(["sns", "sqs"]);
    // Resolved: it stays resolved until another full period passes without use.
    await execute(UpdateUnusedAccessFindings, { Ids: [id], Status: "RESOLVED" }, acct.root);
    expect((await list({ Status: "RESOLVED" })).Findings.map((f) => f.Id)).toEqual([id]);
    expect(await unusedServices(dev.arn)).toEqual(["sns"]);
    await db.accessFindingState.update({ where: { accountId_findingKey: { accountId: acct.accountId, findingKey: id } }, data: { updatedAt: daysAgo(100) } });
    expect(await unusedServices(dev.arn)).toEqual(["sns", "sqs"]);

    await db.user.delete({ where: { id: dev.userId } });
    await expectIamError(execute(UpdateUnusedAccessFindings, { Ids: [id], Status: "ARCHIVED" }, acct.root), "NoSuchEntity", /no longer in account/);
  });
});
