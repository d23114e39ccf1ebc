// The reads that auditing and policy tools call, through the real SDK against the production
// server: GetAccountAuthorizationDetails (URL-encoded documents decoded, Filter, pagination across
// the lists), SimulateCustomPolicy and SimulatePrincipalPolicy (AWS's EvaluationResult shape,
// MissingContextValues, pagination; no Portcullis-only member on the wire), the two
// GetContextKeys operations, and ListVirtualMFADevices (assignment status, never the seed).

import { beforeAll, describe, expect, it } from "vitest";
import {
  CreateGroupCommand,
  CreateRoleCommand,
  CreateVirtualMFADeviceCommand,
  GetAccountAuthorizationDetailsCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  ListVirtualMFADevicesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  TagUserCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { apiFailure, db, decodedDocument, iamClient, newApiAccount, newApiUser, rawQuery, type ApiAccount, type ApiUser } from "./support/apiAccount";

const policy = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const READ_SELF = policy({ Sid: "ReadSelf", Effect: "Allow", Action: "iam:GetUser", Resource: "arn:aws:iam::*:user/${aws:username}" });
const TRUST = policy({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });

let account: ApiAccount;
let admin: IAMClient;
let alice: ApiUser;
let nobody: ApiUser;

beforeAll(async () => {
  account = await newApiAccount();
  admin = iamClient(account.rootKey);
  alice = await newApiUser(admin, "alice", READ_SELF);
  nobody = await newApiUser(admin, "nobody");
  await admin.send(new TagUserCommand({ UserName: "alice", Tags: [{ Key: "team", Value: "web platform" }] }));
  await admin.send(new CreateGroupCommand({ GroupName: "Readers" }));
  await admin.send(new PutGroupPolicyCommand({ GroupName: "Readers", PolicyName: "ReadAll", PolicyDocument: JSON.stringify(policy({ Effect: "Allow", Action: "iam:List*", Resource: "*" })) }));
  await admin.send(new CreateRoleCommand({ RoleName: "Deployer", AssumeRolePolicyDocument: JSON.stringify(TRUST) }));
  await admin.send(new PutRolePolicyCommand({ RoleName: "Deployer", PolicyName: "Deploy", PolicyDocument: JSON.stringify(policy({ Effect: "Allow", Action: "s3:PutObject", Resource: "*" })) }));
}, 60_000);

describe("GetAccountAuthorizationDetails", () => {
  it("describes users, groups and roles with their documents URL-encoded, as AWS sends them", async () => {
    const out = await admin.send(new GetAccountAuthorizationDetailsCommand({}));
    expect(out.IsTruncated).toBe(false);
    const detail = out.UserDetailList!.find((u) => u.UserName === "alice")!;
    expect(detail).toMatchObject({ Arn: alice.arn, Path: "/", GroupList: [], AttachedManagedPolicies: [], Tags: [{ Key: "team", Value: "web platform" }] });
    expect(detail.CreateDate).toBeInstanceOf(Date);
    expect(detail.UserPolicyList!.map((p) => [p.PolicyName, decodedDocument(p.PolicyDocument)])).toEqual([["inline", READ_SELF]]);
    // Raw on the wire: percent-encoded, not plain JSON.
    expect(detail.UserPolicyList![0]!.PolicyDocument).toMatch(/^%7B/);
    expect(out.GroupDetailList!.map((g) => [g.GroupName, g.GroupPolicyList!.map((p) => p.PolicyName)])).toEqual([["Readers", ["ReadAll"]]]);
    const role = out.RoleDetailList!.find((r) => r.RoleName === "Deployer")!;
    expect(decodedDocument(role.AssumeRolePolicyDocument)).toEqual(TRUST);
    expect(role.InstanceProfileList).toEqual([]);
    expect(role.RolePolicyList!.map((p) => [p.PolicyName, decodedDocument(p.PolicyDocument)])).toEqual([["Deploy", policy({ Effect: "Allow", Action: "s3:PutObject", Resource: "*" })]]);
    expect(role.RoleLastUsed).toEqual({});
  });

  it("pages across the lists with MaxItems and Marker", async () => {
    const names: string[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const out = await admin.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1, Marker }));
      const page = [...out.UserDetailList!.map((u) => u.UserName!), ...out.GroupDetailList!.map((g) => g.GroupName!), ...out.RoleDetailList!.map((r) => r.RoleName!), ...out.Policies!.map((p) => p.PolicyName!)];
      expect(page).toHaveLength(1);
      names.push(...page);
      expect(out.IsTruncated).toBe(out.Marker !== undefined);
      Marker = out.Marker;
      pages++;
    } while (Marker && pages < 20);
    expect(names).toEqual(["alice", "nobody", "Readers", "Deployer"]);
  });

  it("lists only the entity types the Filter names", async () => {
    const out = await admin.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Role"] }));
    expect(out.UserDetailList).toEqual([]);
    expect(out.GroupDetailList).toEqual([]);
    expect(out.RoleDetailList!.map((r) => r.RoleName)).toEqual(["Deployer"]);
  });

  it("is denied to a user without iam:GetAccountAuthorizationDetails", async () => {
    expect(await apiFailure(iamClient(nobody.key).send(new GetAccountAuthorizationDetailsCommand({})))).toMatchObject({ name: "AccessDenied", status: 403 });
  });
});

describe("SimulateCustomPolicy", () => {
  const custom = policy(
    { Sid: "Reports", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*", Condition: { Bool: { "aws:SecureTransport": "true" } } },
    { Sid: "NoDeletes", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
  );
  const text = JSON.stringify(custom, null, 2);

  it("answers AWS's EvaluationResult shape: matched statements with positions, missing context keys", async () => {
    const out = await admin.send(new SimulateCustomPolicyCommand({ PolicyInputList: [text], ActionNames: ["s3:GetObject", "s3:DeleteObject"], ResourceArns: ["arn:aws:s3:::reports/q1.pdf"] }));
    expect(out.IsTruncated).toBe(false);
    const [get, del] = out.EvaluationResults!;
    expect(get).toMatchObject({ EvalActionName: "s3:GetObject", EvalResourceName: "arn:aws:s3:::reports/q1.pdf", EvalDecision: "implicitDeny", MatchedStatements: [], MissingContextValues: ["aws:SecureTransport"] });
    // JSON.stringify(…, null, 2): the Deny statement is the second object of the array, lines 15 to 20.
    expect(del).toMatchObject({
      EvalDecision: "explicitDeny",
      MatchedStatements: [{ SourcePolicyId: "PolicyInputList.1", StartPosition: { Line: 15, Column: 5 }, EndPosition: { Line: 20, Column: 5 } }],
      MissingContextValues: [],
    });
    const given = await admin.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [text],
        ActionNames: ["s3:GetObject"],
        ResourceArns: ["arn:aws:s3:::reports/q1.pdf"],
        ContextEntries: [{ ContextKeyName: "aws:SecureTransport", ContextKeyValues: ["true"], ContextKeyType: "boolean" }],
      }),
    );
    expect(given.EvaluationResults![0]).toMatchObject({ EvalDecision: "allowed", MatchedStatements: [{ SourcePolicyId: "PolicyInputList.1", StartPosition: { Line: 4, Column: 5 } }], MissingContextValues: [] });
  });

  it("pages with MaxItems and Marker", async () => {
    const input = { PolicyInputList: [text], ActionNames: ["s3:GetObject", "s3:DeleteObject", "s3:PutObject"], MaxItems: 2 };
    const first = await admin.send(new SimulateCustomPolicyCommand(input));
    expect(first.EvaluationResults!.map((r) => r.EvalActionName)).toEqual(["s3:GetObject", "s3:DeleteObject"]);
    expect(first.IsTruncated).toBe(true);
    const second = await admin.send(new SimulateCustomPolicyCommand({ ...input, Marker: first.Marker }));
    expect(second.EvaluationResults!.map((r) => r.EvalActionName)).toEqual(["s3:PutObject"]);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
  });

  it("refuses a malformed policy with MalformedPolicyDocument, and a caller without permission", async () => {
    expect(await apiFailure(admin.send(new SimulateCustomPolicyCommand({ PolicyInputList: ["{not json"], ActionNames: ["s3:GetObject"] })))).toMatchObject({
      name: "MalformedPolicyDocumentException",
      status: 400,
      message: expect.stringMatching(/^PolicyInputList\.1: /),
    });
    expect(await apiFailure(iamClient(nobody.key).send(new SimulateCustomPolicyCommand({ PolicyInputList: [text], ActionNames: ["s3:GetObject"] })))).toMatchObject({ name: "AccessDenied", status: 403 });
  });

  it("keeps Portcullis's explanation off the wire", async () => {
    const body = new URLSearchParams({ Action: "SimulateCustomPolicy", Version: "2010-05-08", "PolicyInputList.member.1": text, "ActionNames.member.1": "s3:DeleteObject" }).toString();
    const answer = await rawQuery(body, account.rootKey);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("<EvalDecision>explicitDeny</EvalDecision>");
    expect(answer.body).not.toContain("Explanation");
  });
});

describe("SimulatePrincipalPolicy", () => {
  it("decides with the user's policies plus a PolicyInputList, in AWS's shape", async () => {
    const extra = JSON.stringify(policy({ Effect: "Allow", Action: "iam:CreateUser", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/team": "web" } } }));
    const out = await admin.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: alice.arn, ActionNames: ["iam:GetUser", "iam:CreateUser"], ResourceArns: [alice.arn], PolicyInputList: [extra] }),
    );
    const [got, created] = out.EvaluationResults!;
    expect(got).toMatchObject({ EvalDecision: "allowed", MatchedStatements: [{ SourcePolicyId: "inline", SourcePolicyType: "user", StartPosition: { Line: 1 } }] });
    expect(created).toMatchObject({ EvalDecision: "implicitDeny", MissingContextValues: ["aws:RequestTag/team"] });
    const tagged = await admin.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: alice.arn,
        ActionNames: ["iam:CreateUser"],
        PolicyInputList: [extra],
        ContextEntries: [{ ContextKeyName: "aws:RequestTag/team", ContextKeyValues: ["web"], ContextKeyType: "string" }],
      }),
    );
    expect(tagged.EvaluationResults![0]).toMatchObject({ EvalDecision: "allowed", MatchedStatements: [{ SourcePolicyId: "PolicyInputList.1" }] });
  });
});

describe("GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy", () => {
  it("list the condition keys the policies test, once each", async () => {
    const doc = JSON.stringify(
      policy(
        { Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { BoolIfExists: { "aws:multifactorauthpresent": "false" } } },
      ),
    );
    const custom = await admin.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [doc] }));
    expect(custom.ContextKeyNames).toEqual(["aws:MultiFactorAuthPresent", "aws:SourceIp"]);
    const principal = await admin.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: alice.arn, PolicyInputList: [doc] }));
    // alice's inline policy has no condition (its ${aws:username} is a variable, not a condition key).
    expect(principal.ContextKeyNames).toEqual(["aws:MultiFactorAuthPresent", "aws:SourceIp"]);
    expect(await apiFailure(iamClient(nobody.key).send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: alice.arn })))).toMatchObject({ name: "AccessDenied", status: 403 });
  });
});

describe("ListVirtualMFADevices", () => {
  it("lists devices by assignment status, never with the seed", async () => {
    const { VirtualMFADevice: phone } = await admin.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "alice-phone" }));
    // Enrollment needs live TOTP codes (tests/api/mfa.test.ts proves it); here the device is arranged as enabled for alice.
    const enabledAt = new Date("2026-11-30T12:00:00Z");
    const aliceRow = await db.user.findUniqueOrThrow({ where: { arn: alice.arn } });
    await db.mfaDevice.update({ where: { serialNumber: phone!.SerialNumber! }, data: { userId: aliceRow.id, rootAccountId: null, enabledAt } });
    // Then one left unassigned (a second pending enrollment of the same principal would replace it).
    const { VirtualMFADevice: pending } = await admin.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "spare" }));

    const all = await admin.send(new ListVirtualMFADevicesCommand({}));
    expect(all.IsTruncated).toBe(false);
    expect(all.VirtualMFADevices!.map((d) => d.SerialNumber)).toEqual([phone!.SerialNumber, pending!.SerialNumber]);
    for (const device of all.VirtualMFADevices!) {
      expect(device.Base32StringSeed).toBeUndefined();
      expect(device.QRCodePNG).toBeUndefined();
    }
    const assigned = await admin.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Assigned" }));
    expect(assigned.VirtualMFADevices).toEqual([{ SerialNumber: phone!.SerialNumber, EnableDate: enabledAt, User: expect.objectContaining({ UserName: "alice", Arn: alice.arn, Path: "/" }) }]);
    const unassigned = await admin.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Unassigned" }));
    expect(unassigned.VirtualMFADevices).toEqual([{ SerialNumber: pending!.SerialNumber }]);
    const first = await admin.send(new ListVirtualMFADevicesCommand({ MaxItems: 1 }));
    expect(first).toMatchObject({ IsTruncated: true, VirtualMFADevices: [{ SerialNumber: phone!.SerialNumber }] });
    const second = await admin.send(new ListVirtualMFADevicesCommand({ MaxItems: 1, Marker: first.Marker }));
    expect(second).toMatchObject({ IsTruncated: false, VirtualMFADevices: [{ SerialNumber: pending!.SerialNumber }] });
    expect(await apiFailure(iamClient(nobody.key).send(new ListVirtualMFADevicesCommand({})))).toMatchObject({ name: "AccessDenied", status: 403 });
  });
});
