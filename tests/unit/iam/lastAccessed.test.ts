import { beforeEach, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { execute } from "@/lib/iam/core/operation";
import { lastAccessedFor, type ServiceLastAccessed } from "@/lib/iam/reports/lastAccessed";
import {
  GenerateServiceLastAccessedDetails,
  GetServiceLastAccessedDetails,
  GetServiceLastAccessedDetailsWithEntities,
} from "@/lib/iam/reports/serviceLastAccessedJobs";
import { CreateUser, ListUsers } from "@/lib/iam/users/users";
import { groupArn, userArn } from "@/lib/policy";
import { createAccount, createCustomerPolicy, createGroup, createRole, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

type Statement = { Effect: "Allow" | "Deny"; Action?: string | string[]; NotAction?: string | string[]; Resource: string | string[] };
const policy = (...Statement: Statement[]) => ({ Version: "2012-10-17", Statement });

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const at = (iso: string) => new Date(iso);

async function attempt(principalArn: string, action: string, time: string, result: "Allowed" | "Denied" | "Failed" = "Allowed", errorCode?: string) {
  await db.auditEvent.create({ data: { accountId: acct.accountId, principalArn, action, resource: "*", result, errorCode, time: at(time) } });
}

async function report(arn: string, Granularity?: "SERVICE_LEVEL" | "ACTION_LEVEL", page: { MaxItems?: number; Marker?: string } = {}) {
  const { JobId } = await execute(GenerateServiceLastAccessedDetails, { Arn: arn, Granularity }, acct.root);
  return { JobId, ...(await execute(GetServiceLastAccessedDetails, { JobId, ...page }, acct.root)) };
}

const service = (r: { ServicesLastAccessed: ServiceLastAccessed[] }, namespace: string) => r.ServicesLastAccessed.find((s) => s.ServiceNamespace === namespace);

describe("last accessed, from the audit log", () => {
  it("counts allowed and denied attempts alike, and tracks each allowed action at ACTION_LEVEL", async () => {
    // The user may list users and create them under /team/ only: creating one at / is denied.
    const alice: Caller = await createUser(acct.accountId, "alice", {
      inline: {
        Team: policy(
          { Effect: "Allow", Action: ["iam:ListUsers", "iam:GetUser"], Resource: "*" },
          { Effect: "Allow", Action: "iam:CreateUser", Resource: `arn:aws:iam::${acct.accountId}:user/team/*` },
          { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
        ),
      },
    });
    await execute(ListUsers, {}, alice);
    await expectIamError(execute(CreateUser, { UserName: "bob" }, alice), "AccessDenied");

    const r = await report(alice.arn, "ACTION_LEVEL");
    expect(r).toMatchObject({ JobStatus: "COMPLETED", JobType: "ACTION_LEVEL", IsTruncated: false });
    expect(r.JobCompletionDate.getTime()).toBeGreaterThanOrEqual(r.JobCreationDate.getTime());
    expect(r.ServicesLastAccessed.map((s) => s.ServiceNamespace)).toEqual(["iam", "s3"]);

    const iam = service(r, "iam")!;
    const events = await db.auditEvent.findMany({ where: { accountId: acct.accountId, principalArn: alice.arn }, orderBy: { sequence: "asc" } });
    const denied = events.find((e) => e.action === "iam:CreateUser")!;
    expect(denied.result).toBe("Denied");
    expect(iam).toMatchObject({ ServiceName: "AWS Identity and Access Management (IAM)", LastAuthenticatedEntity: alice.arn, LastAuthenticatedRegion: "us-east-1", TotalAuthenticatedEntities: 1 });
    expect(iam.LastAuthenticated).toEqual(denied.time);
    expect(iam.TrackedActionsLastAccessed).toEqual([
      { ActionName: "CreateUser", LastAccessedEntity: alice.arn, LastAccessedTime: denied.time, LastAccessedRegion: "us-east-1" },
      { ActionName: "GetUser" },
      { ActionName: "ListUsers", LastAccessedEntity: alice.arn, LastAccessedTime: events.find((e) => e.action === "iam:ListUsers")!.time, LastAccessedRegion: "us-east-1" },
    ]);
    // Allowed but never used: listed, with no Last* members.
    expect(service(r, "s3")).toEqual({ ServiceName: "Amazon S3", ServiceNamespace: "s3", TotalAuthenticatedEntities: 0, TrackedActionsLastAccessed: [{ ActionName: "GetObject" }] });
  });

  it("lists services only at SERVICE_LEVEL, and counts every attempt of the namespace, tracked or not", async () => {
    const user = await createUser(acct.accountId, "carol", { inline: { Read: policy({ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }) } });
    await attempt(user.arn, "iam:GetUser", "2026-03-01T10:00:00.000Z");
    await attempt(user.arn, "iam:DeleteUser", "2026-04-01T10:00:00.000Z", "Denied");
    await attempt(user.arn, "iam:GetLoginProfile", "2026-05-01T10:00:00.000Z", "Failed", "NoSuchEntity");
    await attempt(user.arn, "s3:ListBuckets", "2026-06-01T10:00:00.000Z");

    const r = await report(user.arn);
    expect(r.JobType).toBe("SERVICE_LEVEL");
    // s3 is not allowed, so it is not listed even though it was attempted.
    expect(r.ServicesLastAccessed).toEqual([
      { ServiceName: "AWS Identity and Access Management (IAM)", ServiceNamespace: "iam", LastAuthenticated: at("2026-05-01T10:00:00.000Z"), LastAuthenticatedEntity: user.arn, LastAuthenticatedRegion: "us-east-1", TotalAuthenticatedEntities: 1 },
    ]);
  });

  it("does not count a failed console sign-in: the caller never authenticated", async () => {
    const user = await createUser(acct.accountId, "dave", { inline: { All: policy({ Effect: "Allow", Action: "signin:*", Resource: "*" }) } });
    await attempt(user.arn, "signin:ConsoleLogin", "2026-01-01T00:00:00.000Z");
    await attempt(user.arn, "signin:ConsoleLogin", "2026-02-01T00:00:00.000Z", "Failed", "FailedAuthentication");
    const r = await report(user.arn);
    expect(service(r, "signin")?.LastAuthenticated).toEqual(at("2026-01-01T00:00:00.000Z"));
  });

  it("expands wildcards and NotAction with the action catalog, counts group policies, and ignores Deny statements and boundaries", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "OnlyEc2", policy({ Effect: "Allow", Action: "ec2:*", Resource: "*" }));
    const groupPolicy = await createCustomerPolicy(acct.accountId, "Lambda", policy({ Effect: "Allow", Action: "lambda:List*", Resource: "*" }));
    const groupId = await createGroup(acct.accountId, "Devs", [groupPolicy]);
    const user = await createUser(acct.accountId, "erin", {
      groupIds: [groupId],
      inline: { S3Reads: policy({ Effect: "Allow", Action: "s3:Get*", Resource: "*" }, { Effect: "Deny", Action: "*", Resource: "*" }) },
    });
    await db.user.update({ where: { id: user.userId }, data: { permissionsBoundaryArn: boundary } });

    const r = await report(user.arn, "ACTION_LEVEL");
    expect(r.ServicesLastAccessed.map((s) => s.ServiceNamespace)).toEqual(["lambda", "s3"]);
    const s3Actions = service(r, "s3")!.TrackedActionsLastAccessed!.map((a) => a.ActionName);
    expect(s3Actions).toContain("GetObject");
    expect(s3Actions.every((a) => a.startsWith("Get"))).toBe(true);
    expect(service(r, "lambda")!.TrackedActionsLastAccessed!.every((a) => a.ActionName.startsWith("List"))).toBe(true);

    const admin = await createUser(acct.accountId, "frank", { policies: [managed("AdministratorAccess")] });
    const all = await lastAccessedFor(db, acct.accountId, admin.arn, "SERVICE_LEVEL");
    expect(all.services.length).toBeGreaterThan(400);

    const notIam = await createUser(acct.accountId, "gina", { inline: { P: policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) } });
    const most = await lastAccessedFor(db, acct.accountId, notIam.arn, "SERVICE_LEVEL");
    expect(most.services.some((s) => s.ServiceNamespace === "iam")).toBe(false);
    expect(most.services.length).toBe(all.services.length - 1);
  });

  it("reports a group from its members' attempts, and lists each member with GetServiceLastAccessedDetailsWithEntities", async () => {
    const groupPolicy = await createCustomerPolicy(acct.accountId, "ReadIam", policy({ Effect: "Allow", Action: "iam:Get*", Resource: "*" }));
    const groupId = await createGroup(acct.accountId, "Readers", [groupPolicy]);
    const hal = await createUser(acct.accountId, "hal", { groupIds: [groupId] });
    const ivy = await createUser(acct.accountId, "ivy", { groupIds: [groupId] });
    const joe = await createUser(acct.accountId, "joe", { groupIds: [groupId] });
    const outsider = await createUser(acct.accountId, "kim");
    await attempt(hal.arn, "iam:GetUser", "2026-01-01T00:00:00.000Z");
    await attempt(ivy.arn, "iam:GetRole", "2026-02-01T00:00:00.000Z", "Denied");
    await attempt(outsider.arn, "iam:GetUser", "2026-03-01T00:00:00.000Z");

    const r = await report(groupArn(acct.accountId, "Readers"), "ACTION_LEVEL");
    const iam = service(r, "iam")!;
    expect(iam).toMatchObject({ LastAuthenticated: at("2026-02-01T00:00:00.000Z"), LastAuthenticatedEntity: ivy.arn, TotalAuthenticatedEntities: 2 });
    expect(iam.TrackedActionsLastAccessed!.find((a) => a.ActionName === "GetUser")).toMatchObject({ LastAccessedEntity: hal.arn, LastAccessedTime: at("2026-01-01T00:00:00.000Z") });

    const entities = await execute(GetServiceLastAccessedDetailsWithEntities, { JobId: r.JobId, ServiceNamespace: "iam" }, acct.root);
    expect(entities).toMatchObject({ JobStatus: "COMPLETED", IsTruncated: false });
    expect(entities.EntityDetailsList.map((e) => [e.EntityInfo.Name, e.EntityInfo.Type, e.LastAuthenticated?.toISOString()])).toEqual([
      ["ivy", "USER", "2026-02-01T00:00:00.000Z"],
      ["hal", "USER", "2026-01-01T00:00:00.000Z"],
      ["joe", "USER", undefined],
    ]);
    expect(entities.EntityDetailsList[2]!.EntityInfo).toEqual({ Arn: joe.arn, Name: "joe", Type: "USER", Id: joe.userId, Path: "/" });
  });

  it("reports a role from its sessions' attempts, under the role's ARN, without mixing roles whose names share a prefix", async () => {
    const deploy = await createRole(acct.accountId, "Deploy", { inline: { P: policy({ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" }) } });
    await createRole(acct.accountId, "Deployer");
    await attempt(`arn:aws:sts::${acct.accountId}:assumed-role/Deploy/ci-1`, "iam:ListRoles", "2026-01-01T00:00:00.000Z");
    await attempt(`arn:aws:sts::${acct.accountId}:assumed-role/Deploy/ci-2`, "iam:ListRoles", "2026-02-01T00:00:00.000Z", "Denied");
    await attempt(`arn:aws:sts::${acct.accountId}:assumed-role/Deployer/ci-3`, "iam:ListRoles", "2026-03-01T00:00:00.000Z");

    const r = await report(deploy.arn, "ACTION_LEVEL");
    expect(service(r, "iam")).toEqual({
      ServiceName: "AWS Identity and Access Management (IAM)",
      ServiceNamespace: "iam",
      LastAuthenticated: at("2026-02-01T00:00:00.000Z"),
      LastAuthenticatedEntity: deploy.arn,
      LastAuthenticatedRegion: "us-east-1",
      TotalAuthenticatedEntities: 1,
      TrackedActionsLastAccessed: [{ ActionName: "ListRoles", LastAccessedEntity: deploy.arn, LastAccessedTime: at("2026-02-01T00:00:00.000Z"), LastAccessedRegion: "us-east-1" }],
    });
  });

  it("reports a managed policy from every user and role it reaches, directly or through a group", async () => {
    const arn = await createCustomerPolicy(acct.accountId, "Shared", policy({ Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" }));
    const groupId = await createGroup(acct.accountId, "Team", [arn]);
    const direct = await createUser(acct.accountId, "lee", { policies: [arn] });
    const member = await createUser(acct.accountId, "max", { groupIds: [groupId] });
    const role = await createRole(acct.accountId, "Worker");
    await db.rolePolicyAttachment.create({ data: { roleId: role.id, policyId: (await db.managedPolicy.findUniqueOrThrow({ where: { arn } })).id } });
    await attempt(direct.arn, "sts:GetCallerIdentity", "2026-01-01T00:00:00.000Z");
    await attempt(member.arn, "sts:GetCallerIdentity", "2026-02-01T00:00:00.000Z");
    await attempt(`arn:aws:sts::${acct.accountId}:assumed-role/Worker/job`, "sts:GetCallerIdentity", "2026-03-01T00:00:00.000Z");

    const r = await report(arn);
    expect(service(r, "sts")).toMatchObject({ LastAuthenticated: at("2026-03-01T00:00:00.000Z"), LastAuthenticatedEntity: role.arn, TotalAuthenticatedEntities: 3 });
    const entities = await execute(GetServiceLastAccessedDetailsWithEntities, { JobId: r.JobId, ServiceNamespace: "sts" }, acct.root);
    expect(entities.EntityDetailsList.map((e) => [e.EntityInfo.Name, e.EntityInfo.Type])).toEqual([
      ["Worker", "ROLE"],
      ["max", "USER"],
      ["lee", "USER"],
    ]);
  });

  it("pages the services with MaxItems and Marker", async () => {
    const user = await createUser(acct.accountId, "nia", { inline: { P: policy({ Effect: "Allow", Action: ["iam:GetUser", "s3:GetObject", "ec2:DescribeRegions"], Resource: "*" }) } });
    const first = await report(user.arn, "SERVICE_LEVEL", { MaxItems: 2 });
    expect(first.ServicesLastAccessed.map((s) => s.ServiceNamespace)).toEqual(["ec2", "iam"]);
    expect(first.IsTruncated).toBe(true);
    const second = await execute(GetServiceLastAccessedDetails, { JobId: first.JobId, MaxItems: 2, Marker: first.Marker }, acct.root);
    expect(second.ServicesLastAccessed.map((s) => s.ServiceNamespace)).toEqual(["s3"]);
    expect(second).toMatchObject({ IsTruncated: false });
    expect(second.Marker).toBeUndefined();
  });

  it("stores the job in the generating call and counts its own audit events only afterwards", async () => {
    const user = await createUser(acct.accountId, "ola", { inline: { P: policy({ Effect: "Allow", Action: "iam:*", Resource: "*" }) } });
    const { JobId } = await execute(GenerateServiceLastAccessedDetails, { Arn: user.arn }, user);
    const job = await db.accessDetailsJob.findUniqueOrThrow({ where: { id: JobId } });
    expect(job).toMatchObject({ accountId: acct.accountId, arn: user.arn, granularity: "SERVICE_LEVEL", status: "COMPLETED" });
    // The report was computed before the Generate call's own event was appended.
    const first = await execute(GetServiceLastAccessedDetails, { JobId }, user);
    expect(service(first, "iam")!.LastAuthenticated).toBeUndefined();
    const again = await report(user.arn);
    expect(service(again, "iam")!.LastAuthenticatedEntity).toBe(user.arn);
  });
});

describe("last accessed errors", () => {
  it("answers NoSuchEntity for an unknown entity or JobId, and for another account's job", async () => {
    await expectIamError(execute(GenerateServiceLastAccessedDetails, { Arn: userArn(acct.accountId, "ghost") }, acct.root), "NoSuchEntity", /No IAM user .* has the ARN/);
    await expectIamError(execute(GenerateServiceLastAccessedDetails, { Arn: `arn:aws:iam::${acct.accountId}:policy/Missing` }, acct.root), "NoSuchEntity");
    await expectIamError(execute(GetServiceLastAccessedDetails, { JobId: "0f8fad5b-d9cb-469f-a165-70867728950e" }, acct.root), "NoSuchEntity", /JobId 0f8fad5b/);

    const user = await createUser(acct.accountId, "pat");
    const { JobId } = await execute(GenerateServiceLastAccessedDetails, { Arn: user.arn }, acct.root);
    const other = await createAccount("Other");
    await expectIamError(execute(GetServiceLastAccessedDetails, { JobId }, other.root), "NoSuchEntity");
    await expectIamError(execute(GetServiceLastAccessedDetailsWithEntities, { JobId, ServiceNamespace: "iam" }, other.root), "NoSuchEntity");
  });

  it("answers InvalidInput for an ARN that is not a user, group, role or policy, and for an unknown service namespace", async () => {
    await expectIamError(execute(GenerateServiceLastAccessedDetails, { Arn: `arn:aws:iam::${acct.accountId}:mfa/phone` }, acct.root), "InvalidInput", /not the ARN of an IAM user, group, role or managed policy/);
    const user = await createUser(acct.accountId, "quinn");
    const { JobId } = await execute(GenerateServiceLastAccessedDetails, { Arn: user.arn }, acct.root);
    await expectIamError(execute(GetServiceLastAccessedDetailsWithEntities, { JobId, ServiceNamespace: "nosuchservice" }, acct.root), "InvalidInput", /not an AWS service namespace/);
  });

  it("answers ValidationError for a bad Granularity or JobId, writing no job", async () => {
    const user = await createUser(acct.accountId, "rae");
    await expectIamError(execute(GenerateServiceLastAccessedDetails, { Arn: user.arn, Granularity: "RESOURCE_LEVEL" as never }, acct.root), "ValidationError", /SERVICE_LEVEL or ACTION_LEVEL/);
    await expectIamError(execute(GetServiceLastAccessedDetails, { JobId: "short" }, acct.root), "ValidationError", /36-character JobId/);
    expect(await db.accessDetailsJob.count({ where: { accountId: acct.accountId } })).toBe(0);
  });

  it("drops the account's reports older than seven days when it makes a new one", async () => {
    const user = await createUser(acct.accountId, "uma");
    const { JobId: old } = await execute(GenerateServiceLastAccessedDetails, { Arn: user.arn }, acct.root);
    const { JobId: recent } = await execute(GenerateServiceLastAccessedDetails, { Arn: user.arn }, acct.root);
    await db.accessDetailsJob.update({ where: { id: old }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000) } });
    await db.accessDetailsJob.update({ where: { id: recent }, data: { createdAt: new Date(Date.now() - 6 * 86_400_000) } });
    await execute(GenerateServiceLastAccessedDetails, { Arn: user.arn }, acct.root);
    await expectIamError(execute(GetServiceLastAccessedDetails, { JobId: old }, acct.root), "NoSuchEntity");
    expect((await execute(GetServiceLastAccessedDetails, { JobId: recent }, acct.root)).JobStatus).toBe("COMPLETED");
  });

  it("needs iam:GenerateServiceLastAccessedDetails on the entity's ARN", async () => {
    const target = await createUser(acct.accountId, "sam");
    const reader = await createUser(acct.accountId, "tess", {
      inline: { P: policy({ Effect: "Allow", Action: "iam:GenerateServiceLastAccessedDetails", Resource: `arn:aws:iam::${acct.accountId}:user/sam` }) },
    });
    await execute(GenerateServiceLastAccessedDetails, { Arn: target.arn }, reader);
    await expectIamError(execute(GenerateServiceLastAccessedDetails, { Arn: reader.arn }, reader), "AccessDenied");
  });
});
