// Roles through the real @aws-sdk/client-iam: create with every optional member AWS has, get (the
// trust policy URL-encoded, RoleLastUsed), list with pagination, update, tag, and delete, which AWS
// refuses while a policy is attached or embedded.

import { beforeAll, describe, expect, it } from "vitest";
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { apiFailure, decodedDocument, iamClient, newApiAccount, newApiUser, stsClient, type ApiAccount } from "./support/apiAccount";

let account: ApiAccount;
let iam: IAMClient;

const trustAccount = (accountId: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole" }],
});

beforeAll(async () => {
  account = await newApiAccount("roles");
  iam = iamClient(account.rootKey);
});

describe("roles", () => {
  it("creates a role with a path, description, maximum session duration and tags, and gets it back", async () => {
    const trust = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:RequestTag/team": "web platform" } } }],
    };
    const created = (
      await iam.send(
        new CreateRoleCommand({
          RoleName: "Deployer",
          Path: "/ci/",
          Description: "Deploys the web app",
          MaxSessionDuration: 7200,
          AssumeRolePolicyDocument: JSON.stringify(trust, null, 2),
          Tags: [{ Key: "team", Value: "web platform" }],
        }),
      )
    ).Role!;
    expect(created).toMatchObject({ RoleName: "Deployer", Path: "/ci/", Arn: `arn:aws:iam::${account.accountId}:role/ci/Deployer`, Description: "Deploys the web app", MaxSessionDuration: 7200 });
    expect(created.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(created.CreateDate).toBeInstanceOf(Date);
    expect(decodedDocument(created.AssumeRolePolicyDocument)).toEqual(trust);

    const role = (await iam.send(new GetRoleCommand({ RoleName: "Deployer" }))).Role!;
    expect(role).toMatchObject({ RoleName: "Deployer", RoleId: created.RoleId, Description: "Deploys the web app", MaxSessionDuration: 7200, Tags: [{ Key: "team", Value: "web platform" }] });
    // URL-encoded as AWS sends it: the SDK leaves it so.
    expect(role.AssumeRolePolicyDocument).toMatch(/^%7B/);
    expect(decodedDocument(role.AssumeRolePolicyDocument)).toEqual(trust);
    // Never assumed: AWS answers an empty RoleLastUsed.
    expect(role.RoleLastUsed?.LastUsedDate).toBeUndefined();
  });

  it("defaults MaxSessionDuration to an hour and refuses one over 12 hours", async () => {
    const role = (await iam.send(new CreateRoleCommand({ RoleName: "Plain", AssumeRolePolicyDocument: JSON.stringify(trustAccount(account.accountId)) }))).Role!;
    expect(role).toMatchObject({ Path: "/", MaxSessionDuration: 3600 });
    expect(role.Description).toBeUndefined();
    expect(await apiFailure(iam.send(new CreateRoleCommand({ RoleName: "TooLong", MaxSessionDuration: 43201, AssumeRolePolicyDocument: JSON.stringify(trustAccount(account.accountId)) })))).toMatchObject({
      name: "ValidationError",
      status: 400,
    });
    expect(await apiFailure(iam.send(new CreateRoleCommand({ RoleName: "Plain", AssumeRolePolicyDocument: JSON.stringify(trustAccount(account.accountId)) })))).toMatchObject({
      name: "EntityAlreadyExistsException",
      status: 409,
    });
    const badTrust = await apiFailure(iam.send(new CreateRoleCommand({ RoleName: "BadTrust", AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] }) })));
    expect(badTrust).toMatchObject({ name: "MalformedPolicyDocumentException", status: 400 });
    expect(badTrust.message).toMatch(/Principal/);
  });

  it("records the last use: GetRole's RoleLastUsed after an AssumeRole", async () => {
    const user = await newApiUser(iam, "last-user", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] });
    await iam.send(new CreateRoleCommand({ RoleName: "UsedRole", AssumeRolePolicyDocument: JSON.stringify(trustAccount(account.accountId)) }));
    const before = Date.now() - 1000;
    await stsClient(user.key).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.accountId}:role/UsedRole`, RoleSessionName: "s1" }));
    const lastUsed = (await iam.send(new GetRoleCommand({ RoleName: "UsedRole" }))).Role!.RoleLastUsed!;
    expect(lastUsed.LastUsedDate).toBeInstanceOf(Date);
    expect(lastUsed.LastUsedDate!.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("lists roles, by path prefix, and pages with MaxItems and Marker", async () => {
    for (const name of ["ListA", "ListB", "ListC"]) {
      await iam.send(new CreateRoleCommand({ RoleName: name, Path: "/listed/", AssumeRolePolicyDocument: JSON.stringify(trustAccount(account.accountId)) }));
    }
    const all = (await iam.send(new ListRolesCommand({}))).Roles!;
    expect(all.map((r) => r.RoleName)).toEqual(expect.arrayContaining(["Deployer", "Plain", "ListA", "ListB", "ListC"]));
    // ListRoles sends each role's trust policy too, URL-encoded.
    expect(decodedDocument(all.find((r) => r.RoleName === "ListA")!.AssumeRolePolicyDocument)).toEqual(trustAccount(account.accountId));
    const listed = (await iam.send(new ListRolesCommand({ PathPrefix: "/listed/" }))).Roles!;
    expect(listed.map((r) => r.RoleName)).toEqual(["ListA", "ListB", "ListC"]);

    const first = await iam.send(new ListRolesCommand({ PathPrefix: "/listed/", MaxItems: 2 }));
    expect(first.Roles!.map((r) => r.RoleName)).toEqual(["ListA", "ListB"]);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toBeTruthy();
    const second = await iam.send(new ListRolesCommand({ PathPrefix: "/listed/", MaxItems: 2, Marker: first.Marker }));
    expect(second.Roles!.map((r) => r.RoleName)).toEqual(["ListC"]);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
  });

  it("updates the description, the maximum session duration and the trust policy", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "Updated", AssumeRolePolicyDocument: JSON.stringify(trustAccount(account.accountId)) }));
    await iam.send(new UpdateRoleCommand({ RoleName: "Updated", Description: "First description", MaxSessionDuration: 10800 }));
    expect((await iam.send(new GetRoleCommand({ RoleName: "Updated" }))).Role).toMatchObject({ Description: "First description", MaxSessionDuration: 10800 });

    const described = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: "Updated", Description: "Second description" }));
    expect(described.Role).toMatchObject({ RoleName: "Updated", Description: "Second description", MaxSessionDuration: 10800 });
    expect(decodedDocument(described.Role!.AssumeRolePolicyDocument)).toEqual(trustAccount(account.accountId));

    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "Updated", PolicyDocument: JSON.stringify(trust) }));
    expect(decodedDocument((await iam.send(new GetRoleCommand({ RoleName: "Updated" }))).Role!.AssumeRolePolicyDocument)).toEqual(trust);
    expect(await apiFailure(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "Updated", PolicyDocument: "{not json" })))).toMatchObject({ name: "MalformedPolicyDocumentException", status: 400 });
    expect(await apiFailure(iam.send(new UpdateRoleCommand({ RoleName: "Updated", MaxSessionDuration: 60 })))).toMatchObject({ name: "ValidationError", status: 400 });
    expect(await apiFailure(iam.send(new UpdateRoleCommand({ RoleName: "NoSuchRole", Description: "x" })))).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });

  it("tags and untags a role, and lists its tags", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "Tagged", AssumeRolePolicyDocument: JSON.stringify(trustAccount(account.accountId)), Tags: [{ Key: "a", Value: "1" }] }));
    await iam.send(new TagRoleCommand({ RoleName: "Tagged", Tags: [{ Key: "b", Value: "two words" }, { Key: "c", Value: "" }] }));
    const tags = await iam.send(new ListRoleTagsCommand({ RoleName: "Tagged" }));
    expect(tags.Tags).toEqual([{ Key: "a", Value: "1" }, { Key: "b", Value: "two words" }, { Key: "c", Value: "" }]);
    expect(tags.IsTruncated).toBe(false);
    // Tagging an existing key replaces its value.
    await iam.send(new TagRoleCommand({ RoleName: "Tagged", Tags: [{ Key: "a", Value: "one" }] }));
    await iam.send(new UntagRoleCommand({ RoleName: "Tagged", TagKeys: ["b", "c"] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: "Tagged" }))).Tags).toEqual([{ Key: "a", Value: "one" }]);
    expect((await iam.send(new GetRoleCommand({ RoleName: "Tagged" }))).Role!.Tags).toEqual([{ Key: "a", Value: "one" }]);
  });

  it("will not delete a role with a policy attached or embedded, then deletes it", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "Doomed", AssumeRolePolicyDocument: JSON.stringify(trustAccount(account.accountId)) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "Doomed", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
    const attached = await apiFailure(iam.send(new DeleteRoleCommand({ RoleName: "Doomed" })));
    expect(attached).toMatchObject({ name: "DeleteConflictException", status: 409, message: "Cannot delete entity, must detach all policies first." });
    await iam.send(new DetachRolePolicyCommand({ RoleName: "Doomed", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "Doomed", PolicyName: "inline", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetRole", Resource: "*" }] }) }));
    expect(await apiFailure(iam.send(new DeleteRoleCommand({ RoleName: "Doomed" })))).toMatchObject({ name: "DeleteConflictException", status: 409, message: "Cannot delete entity, must delete policies first." });
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "Doomed", PolicyName: "inline" }));
    await iam.send(new DeleteRoleCommand({ RoleName: "Doomed" }));
    expect(await apiFailure(iam.send(new GetRoleCommand({ RoleName: "Doomed" })))).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });
});

// Wire differences this suite found, now as AWS sends them.
describe("ListRoleTags' paging and RoleLastUsed's Region", () => {
  it("ListRoleTags honours MaxItems and Marker", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "PagedTags", AssumeRolePolicyDocument: JSON.stringify(trustAccount(account.accountId)), Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "2" }, { Key: "c", Value: "3" }] }));
    const page = await iam.send(new ListRoleTagsCommand({ RoleName: "PagedTags", MaxItems: 2 }));
    expect(page.Tags).toHaveLength(2);
    expect(page.IsTruncated).toBe(true);
    const rest = await iam.send(new ListRoleTagsCommand({ RoleName: "PagedTags", MaxItems: 2, Marker: page.Marker }));
    expect([...page.Tags!, ...rest.Tags!].map((t) => t.Key)).toEqual(["a", "b", "c"]);
  });

  it("RoleLastUsed names the Region the role was last used in", async () => {
    const user = await newApiUser(iam, "region-user", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] });
    await iam.send(new CreateRoleCommand({ RoleName: "RegionRole", AssumeRolePolicyDocument: JSON.stringify(trustAccount(account.accountId)) }));
    await stsClient(user.key, "eu-west-3").send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.accountId}:role/RegionRole`, RoleSessionName: "s1" }));
    const first = (await iam.send(new GetRoleCommand({ RoleName: "RegionRole" }))).Role!.RoleLastUsed!;
    expect(first).toMatchObject({ Region: "eu-west-3" });
    expect(first.LastUsedDate).toBeInstanceOf(Date);
    // The latest use wins: the region is the one the AssumeRole request was signed for.
    await stsClient(user.key, "ap-southeast-2").send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.accountId}:role/RegionRole`, RoleSessionName: "s2" }));
    expect((await iam.send(new GetRoleCommand({ RoleName: "RegionRole" }))).Role!.RoleLastUsed).toMatchObject({ Region: "ap-southeast-2" });
  });
});
