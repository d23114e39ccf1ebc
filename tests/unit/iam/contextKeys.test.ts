import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { GetContextKeysForCustomPolicy, GetContextKeysForPrincipalPolicy } from "@/lib/iam/policies/contextKeys";
import { groupArn, roleArn, userArn } from "@/lib/policy";
import { auditEvents, createAccount, createCustomerPolicy, createGroup, createRole, createUser, expectIamError, managed, type TestAccount } from "./support/fixtures";

const policy = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const conditioned = (condition: object) => ({ Effect: "Allow", Action: "iam:GetUser", Resource: "*", Condition: condition });

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("GetContextKeysForCustomPolicy", () => {
  it("lists every condition key of the policies once, as first written", async () => {
    const { ContextKeyNames } = await execute(
      GetContextKeysForCustomPolicy,
      {
        PolicyInputList: [
          JSON.stringify(policy(conditioned({ StringEquals: { "aws:username": "alice", "aws:PrincipalTag/team": "web" } }), conditioned({ Bool: { "aws:MultiFactorAuthPresent": "true" } }))),
          JSON.stringify(policy(conditioned({ StringLike: { "AWS:UserName": "a*" }, "ForAnyValue:StringEquals": { "aws:TagKeys": ["a"] } }), { Effect: "Allow", Action: "*", Resource: "*" })),
        ],
      },
      acct.root,
    );
    expect(ContextKeyNames).toEqual(["aws:username", "aws:PrincipalTag/team", "aws:MultiFactorAuthPresent", "aws:TagKeys"]);
  });

  it("answers an empty list for policies without conditions, and refuses a malformed one", async () => {
    expect(await execute(GetContextKeysForCustomPolicy, { PolicyInputList: [JSON.stringify(policy({ Effect: "Allow", Action: "*", Resource: "*" }))] }, acct.root)).toEqual({ ContextKeyNames: [] });
    await expectIamError(execute(GetContextKeysForCustomPolicy, { PolicyInputList: ['{"Version": "2012-10-17"'] }, acct.root), "MalformedPolicyDocument", /^PolicyInputList\.1: /);
    await expectIamError(execute(GetContextKeysForCustomPolicy, { PolicyInputList: [] }, acct.root), "ValidationError");
  });
});

describe("GetContextKeysForPrincipalPolicy", () => {
  it("reads a user's own and its groups' policies, and the ones given", async () => {
    const teamPolicy = await createCustomerPolicy(acct.accountId, "Team", policy(conditioned({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })));
    const groupId = await createGroup(acct.accountId, "Team", [teamPolicy]);
    await createUser(acct.accountId, "alice", { groupIds: [groupId], policies: [managed("IAMReadOnlyAccess")], inline: { Own: policy(conditioned({ StringEquals: { "aws:RequestedRegion": "eu-west-1" } })) } });
    const { ContextKeyNames } = await execute(
      GetContextKeysForPrincipalPolicy,
      { PolicySourceArn: userArn(acct.accountId, "alice"), PolicyInputList: [JSON.stringify(policy(conditioned({ DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } })))] },
      acct.root,
    );
    expect(ContextKeyNames).toEqual(["aws:RequestedRegion", "aws:SourceIp", "aws:CurrentTime"]);
  });

  it("reads a role's and a group's policies", async () => {
    await createRole(acct.accountId, "Deployer", { inline: { Own: policy(conditioned({ StringEquals: { "aws:ResourceTag/env": "prod" } })) } });
    expect(await execute(GetContextKeysForPrincipalPolicy, { PolicySourceArn: roleArn(acct.accountId, "Deployer") }, acct.root)).toMatchObject({ ContextKeyNames: ["aws:ResourceTag/env"] });
    const teamPolicy = await createCustomerPolicy(acct.accountId, "Team", policy(conditioned({ Bool: { "aws:SecureTransport": "true" } })));
    await createGroup(acct.accountId, "Team", [teamPolicy]);
    expect(await execute(GetContextKeysForPrincipalPolicy, { PolicySourceArn: groupArn(acct.accountId, "Team") }, acct.root)).toMatchObject({ ContextKeyNames: ["aws:SecureTransport"] });
    await expectIamError(execute(GetContextKeysForPrincipalPolicy, { PolicySourceArn: groupArn(acct.accountId, "Ghosts") }, acct.root), "NoSuchEntity");
    await expectIamError(execute(GetContextKeysForPrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "ghost") }, acct.root), "NoSuchEntity");
  });

  it("is gated on iam:GetContextKeysForPrincipalPolicy for the principal's ARN", async () => {
    await createUser(acct.accountId, "alice", { path: "/eng/" });
    await createUser(acct.accountId, "bob");
    const auditor = await createUser(acct.accountId, "auditor", {
      inline: { EngOnly: policy({ Effect: "Allow", Action: "iam:GetContextKeysForPrincipalPolicy", Resource: `arn:aws:iam::${acct.accountId}:user/eng/*` }) },
    });
    expect(await execute(GetContextKeysForPrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "alice", "/eng/") }, auditor)).toEqual({ ContextKeyNames: [], SimulatedPolicies: [] });
    await expectIamError(execute(GetContextKeysForPrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "bob") }, auditor), "AccessDenied");
    expect((await auditEvents(acct.accountId, "iam:GetContextKeysForPrincipalPolicy")).map((e) => [e.resource, e.result])).toEqual([
      [userArn(acct.accountId, "alice", "/eng/"), "Allowed"],
      [userArn(acct.accountId, "bob"), "Denied"],
    ]);
  });
});
