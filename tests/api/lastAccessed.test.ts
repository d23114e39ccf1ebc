// Last accessed (access advisor) through the real @aws-sdk/client-iam against the production
// server: GenerateServiceLastAccessedDetails returns a JobId, GetServiceLastAccessedDetails answers
// at once with AWS's shape (allowed and denied attempts both counted, tracked actions at
// ACTION_LEVEL, pagination), GetServiceLastAccessedDetailsWithEntities lists a group's members,
// a role's sessions count for the role, and AWS's errors.

import { beforeAll, describe, expect, it } from "vitest";
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { apiFailure, iamClient, newApiAccount, newApiUser, stsClient, type ApiAccount, type ApiUser } from "./support/apiAccount";

const policy = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });

let account: ApiAccount;
let admin: IAMClient;
let alice: ApiUser;

beforeAll(async () => {
  account = await newApiAccount("last accessed");
  admin = iamClient(account.rootKey);
  alice = await newApiUser(
    admin,
    "alice",
    policy(
      { Effect: "Allow", Action: ["iam:ListUsers", "iam:GetUser"], Resource: "*" },
      { Effect: "Allow", Action: "iam:CreateUser", Resource: `arn:aws:iam::${account.accountId}:user/team/*` },
      { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
    ),
  );
});

async function generate(Arn: string, Granularity?: "SERVICE_LEVEL" | "ACTION_LEVEL") {
  const { JobId } = await admin.send(new GenerateServiceLastAccessedDetailsCommand({ Arn, Granularity }));
  expect(JobId).toMatch(/^[0-9a-f-]{36}$/);
  return JobId!;
}

describe("last accessed", () => {
  it("reports a user's allowed and denied attempts, with its tracked actions", async () => {
    const asAlice = iamClient(alice.key);
    await asAlice.send(new ListUsersCommand({}));
    expect((await apiFailure(asAlice.send(new CreateUserCommand({ UserName: "bob" })))).name).toBe("AccessDenied");

    const JobId = await generate(alice.arn, "ACTION_LEVEL");
    const job = await admin.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    expect(job).toMatchObject({ JobStatus: "COMPLETED", JobType: "ACTION_LEVEL", IsTruncated: false });
    expect(job.JobCreationDate).toBeInstanceOf(Date);
    expect(job.JobCompletionDate).toBeInstanceOf(Date);
    expect(job.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(["iam", "s3"]);

    const [iam, s3] = job.ServicesLastAccessed!;
    expect(iam).toMatchObject({
      ServiceName: "AWS Identity and Access Management (IAM)",
      LastAuthenticatedEntity: alice.arn,
      LastAuthenticatedRegion: "us-east-1",
      TotalAuthenticatedEntities: 1,
    });
    expect(iam!.LastAuthenticated).toBeInstanceOf(Date);
    const tracked = Object.fromEntries(iam!.TrackedActionsLastAccessed!.map((a) => [a.ActionName, a]));
    expect(Object.keys(tracked)).toEqual(["CreateUser", "GetUser", "ListUsers"]);
    // The denied CreateUser counts as an attempt, as AWS counts it.
    expect(tracked.CreateUser).toMatchObject({ LastAccessedEntity: alice.arn, LastAccessedRegion: "us-east-1" });
    expect(tracked.CreateUser!.LastAccessedTime).toBeInstanceOf(Date);
    expect(tracked.ListUsers!.LastAccessedTime).toBeInstanceOf(Date);
    expect(tracked.GetUser).toEqual({ ActionName: "GetUser" });
    expect(s3).toEqual({ ServiceName: "Amazon S3", ServiceNamespace: "s3", TotalAuthenticatedEntities: 0, TrackedActionsLastAccessed: [{ ActionName: "GetObject" }] });

    const page = await admin.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 1 }));
    expect(page.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(["iam"]);
    expect(page.IsTruncated).toBe(true);
    const rest = await admin.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 1, Marker: page.Marker }));
    expect(rest.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(["s3"]);
    expect(rest.IsTruncated).toBe(false);
  });

  it("reports a group from its members and lists them with GetServiceLastAccessedDetailsWithEntities", async () => {
    await admin.send(new CreateGroupCommand({ GroupName: "Readers" }));
    await admin.send(new PutGroupPolicyCommand({ GroupName: "Readers", PolicyName: "read", PolicyDocument: JSON.stringify(policy({ Effect: "Allow", Action: "iam:ListUsers", Resource: "*" })) }));
    const reader = await newApiUser(admin, "reader");
    await newApiUser(admin, "idle");
    await admin.send(new AddUserToGroupCommand({ GroupName: "Readers", UserName: "reader" }));
    await admin.send(new AddUserToGroupCommand({ GroupName: "Readers", UserName: "idle" }));
    await iamClient(reader.key).send(new ListUsersCommand({}));

    const JobId = await generate(`arn:aws:iam::${account.accountId}:group/Readers`);
    const job = await admin.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    expect(job.JobType).toBe("SERVICE_LEVEL");
    expect(job.ServicesLastAccessed).toEqual([expect.objectContaining({ ServiceNamespace: "iam", LastAuthenticatedEntity: reader.arn, TotalAuthenticatedEntities: 1 })]);
    expect(job.ServicesLastAccessed![0]!.TrackedActionsLastAccessed).toBeUndefined();

    const entities = await admin.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: "iam" }));
    expect(entities).toMatchObject({ JobStatus: "COMPLETED", IsTruncated: false });
    expect(entities.EntityDetailsList!.map((e) => [e.EntityInfo!.Name, e.EntityInfo!.Type, e.EntityInfo!.Path, e.LastAuthenticated instanceof Date])).toEqual([
      ["reader", "USER", "/", true],
      ["idle", "USER", "/", false],
    ]);
    expect(entities.EntityDetailsList![0]!.EntityInfo!.Id).toMatch(/^AIDA/);
  });

  it("counts a role's sessions for the role", async () => {
    const trust = policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account.accountId}:root` }, Action: "sts:AssumeRole" });
    const { Role } = await admin.send(new CreateRoleCommand({ RoleName: "Auditor", AssumeRolePolicyDocument: JSON.stringify(trust) }));
    await admin.send(new PutRolePolicyCommand({ RoleName: "Auditor", PolicyName: "read", PolicyDocument: JSON.stringify(policy({ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" })) }));
    const assumer = await newApiUser(admin, "assumer", policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: Role!.Arn }));
    const { Credentials } = await stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: "audit-run" }));
    const session = iamClient({ accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! });
    await session.send(new ListRolesCommand({}));

    const JobId = await generate(Role!.Arn!, "ACTION_LEVEL");
    const { ServicesLastAccessed } = await admin.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    expect(ServicesLastAccessed).toEqual([
      expect.objectContaining({
        ServiceNamespace: "iam",
        LastAuthenticatedEntity: Role!.Arn,
        TrackedActionsLastAccessed: [expect.objectContaining({ ActionName: "ListRoles", LastAccessedEntity: Role!.Arn })],
      }),
    ]);
  });

  it("answers AWS's errors", async () => {
    const unknownJob = await apiFailure(admin.send(new GetServiceLastAccessedDetailsCommand({ JobId: "0f8fad5b-d9cb-469f-a165-70867728950e" })));
    expect(unknownJob).toMatchObject({ name: "NoSuchEntityException", status: 404 });
    expect(unknownJob.message).toContain("GenerateServiceLastAccessedDetails");

    const unknownUser = await apiFailure(admin.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${account.accountId}:user/ghost` })));
    expect(unknownUser).toMatchObject({ name: "NoSuchEntityException", status: 404 });

    const notAnEntity = await apiFailure(admin.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${account.accountId}:mfa/phone` })));
    expect(notAnEntity).toMatchObject({ name: "InvalidInputException", status: 400 });

    const JobId = await generate(alice.arn);
    const badNamespace = await apiFailure(admin.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: "nosuchservice" })));
    expect(badNamespace).toMatchObject({ name: "InvalidInputException", status: 400 });

    const other = await newApiAccount("last accessed, other account");
    const foreign = await apiFailure(iamClient(other.rootKey).send(new GetServiceLastAccessedDetailsCommand({ JobId })));
    expect(foreign).toMatchObject({ name: "NoSuchEntityException", status: 404 });

    const denied = await apiFailure(iamClient(alice.key).send(new GenerateServiceLastAccessedDetailsCommand({ Arn: alice.arn })));
    expect(denied).toMatchObject({ name: "AccessDenied", status: 403 });
  });
});
