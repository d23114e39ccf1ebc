import { beforeEach, describe, expect, it, vi } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { DeleteGroupPolicy, DeleteUserPolicy, GetGroupPolicy, GetUserPolicy, ListGroupPolicies, ListUserPolicies, PutGroupPolicy, PutUserPolicy } from "@/lib/iam/policies/inline";
import { GetUser, ListUsers } from "@/lib/iam/users/users";
import { auditEvents, createAccount, createGroup, createUser, db, expectIamError, rowCounts, type TestAccount } from "./support/fixtures";

const allow = (Action: string | string[], Resource = "*", Condition?: object) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) }] });

/** A one-statement policy exactly `size` characters long without white space (its layout adds some). */
function documentOfSize(size: number): string {
  const text = allow("s3:GetObject", "arn:aws:s3:::bucket/");
  return text.replace("bucket/", `bucket/${"k".repeat(size - text.length)}`).replace(",", ",\n  ");
}

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("user inline policies", () => {
  it("puts, replaces (names are case-insensitive) and deletes a user's inline policy", async () => {
    await createUser(acct.accountId, "alice");
    const text = `{ "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*" }] }`;
    await execute(PutUserPolicy, { UserName: "alice", PolicyName: "ReadSelf", PolicyDocument: text }, acct.root);
    expect(await execute(GetUserPolicy, { UserName: "alice", PolicyName: "readself" }, acct.root)).toEqual({ UserName: "alice", PolicyName: "ReadSelf", PolicyDocument: text });

    await execute(PutUserPolicy, { UserName: "ALICE", PolicyName: "READSELF", PolicyDocument: allow("iam:ListUsers") }, acct.root);
    expect(await execute(ListUserPolicies, { UserName: "alice" }, acct.root)).toEqual({ PolicyNames: ["READSELF"], IsTruncated: false });
    expect((await execute(GetUserPolicy, { UserName: "alice", PolicyName: "ReadSelf" }, acct.root)).PolicyDocument).toBe(allow("iam:ListUsers"));

    await execute(DeleteUserPolicy, { UserName: "alice", PolicyName: "readSelf" }, acct.root);
    expect((await execute(ListUserPolicies, { UserName: "alice" }, acct.root)).PolicyNames).toEqual([]);
    await expectIamError(execute(DeleteUserPolicy, { UserName: "alice", PolicyName: "ReadSelf" }, acct.root), "NoSuchEntity", "The user policy with name ReadSelf cannot be found.");
    await expectIamError(execute(PutUserPolicy, { UserName: "ghost", PolicyName: "P", PolicyDocument: allow("iam:GetUser") }, acct.root), "NoSuchEntity", "The user with name ghost cannot be found.");
  });

  it("changes the user's permissions on the next request, even when replaced within the same millisecond", async () => {
    const alice = await createUser(acct.accountId, "alice");
    // A stopped clock: the replacement lands in the same millisecond as the text it replaces, which
    // must still not let the compiled-policy cache (keyed by id and updatedAt) serve the old text.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2030-01-01T00:00:00Z") });
    try {
      await execute(PutUserPolicy, { UserName: "alice", PolicyName: "Access", PolicyDocument: allow("iam:ListUsers") }, acct.root);
      await execute(ListUsers, {}, alice);
      await execute(PutUserPolicy, { UserName: "alice", PolicyName: "Access", PolicyDocument: allow("iam:GetUser") }, acct.root);
      await expectIamError(execute(ListUsers, {}, alice), "AccessDenied", /no statement allows iam:ListUsers/);
      await execute(GetUser, { UserName: "alice" }, alice);
    } finally {
      vi.useRealTimers();
    }
    await execute(DeleteUserPolicy, { UserName: "alice", PolicyName: "Access" }, acct.root);
    await expectIamError(execute(GetUser, { UserName: "alice" }, alice), "AccessDenied");
  });

  it("holds one inline policy of a user to 2,048 characters without white space", async () => {
    await createUser(acct.accountId, "alice");
    await execute(PutUserPolicy, { UserName: "alice", PolicyName: "AtLimit", PolicyDocument: documentOfSize(2048) }, acct.root);
    const before = await rowCounts();
    await expectIamError(
      execute(PutUserPolicy, { UserName: "alice", PolicyName: "AtLimit", PolicyDocument: documentOfSize(2049) }, acct.root),
      "MalformedPolicyDocument",
      /2049 characters \(not counting white space\), over the 2048-character quota for an inline policy of a user/,
    );
    expect(await rowCounts()).toEqual(before);
  });

  it("holds all of a user's inline policies together to 2,048 characters, as AWS does", async () => {
    await createUser(acct.accountId, "alice");
    await execute(PutUserPolicy, { UserName: "alice", PolicyName: "First", PolicyDocument: documentOfSize(1000) }, acct.root);
    await execute(PutUserPolicy, { UserName: "alice", PolicyName: "Second", PolicyDocument: documentOfSize(1048) }, acct.root);
    await expectIamError(
      execute(PutUserPolicy, { UserName: "alice", PolicyName: "Third", PolicyDocument: documentOfSize(200) }, acct.root),
      "LimitExceeded",
      "Cannot exceed quota for InlinePolicySizePerUser: 2048. The inline policies of user alice would total 2248 characters (not counting white space). Shorten them, or move permissions into a managed policy.",
    );
    // Replacing a policy counts its new text instead of its old one.
    await execute(PutUserPolicy, { UserName: "alice", PolicyName: "second", PolicyDocument: documentOfSize(1048) }, acct.root);
  });

  it("refuses a malformed document with the engine's message and position, and a bad name", async () => {
    await createUser(acct.accountId, "alice");
    const text = `{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "iam:GetUser" }]\n}`;
    await expectIamError(
      execute(PutUserPolicy, { UserName: "alice", PolicyName: "NoResource", PolicyDocument: text }, acct.root),
      "MalformedPolicyDocument",
      /^Add a "Resource" element .* to this statement \(line 3, column 17\)\.$/,
    );
    await expectIamError(execute(PutUserPolicy, { UserName: "alice", PolicyName: "no spaces", PolicyDocument: allow("iam:GetUser") }, acct.root), "ValidationError", /PolicyName/);
    await expectIamError(execute(PutUserPolicy, { UserName: "alice", PolicyName: "p".repeat(129), PolicyDocument: allow("iam:GetUser") }, acct.root), "ValidationError", /at most 128/);
    expect(await db.inlinePolicy.count({ where: { user: { accountId: acct.accountId } } })).toBe(0);
    expect((await auditEvents(acct.accountId, "iam:PutUserPolicy")).map((e) => [e.result, e.errorCode])).toEqual([
      ["Failed", "MalformedPolicyDocument"],
      ["Failed", "ValidationError"],
      ["Failed", "ValidationError"],
    ]);
  });

  it("is decided on the user's ARN and tags, and audited", async () => {
    await createUser(acct.accountId, "web-dev", { tags: { team: "web" } });
    await createUser(acct.accountId, "ops-dev", { tags: { team: "ops" } });
    const lead = await createUser(acct.accountId, "lead", {
      inline: {
        WebOnly: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["iam:PutUserPolicy", "iam:DeleteUserPolicy"], Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/team": "web" } } }],
        },
      },
    });
    await execute(PutUserPolicy, { UserName: "web-dev", PolicyName: "P", PolicyDocument: allow("iam:GetUser") }, lead);
    const before = await rowCounts();
    await expectIamError(execute(PutUserPolicy, { UserName: "ops-dev", PolicyName: "P", PolicyDocument: allow("iam:GetUser") }, lead), "AccessDenied");
    await expectIamError(execute(DeleteUserPolicy, { UserName: "web-dev", PolicyName: "Missing" }, lead), "NoSuchEntity");
    expect(await rowCounts()).toEqual(before);
    const events = (await auditEvents(acct.accountId)).filter((e) => e.principalArn === lead.arn);
    expect(events.map((e) => [e.action, e.resource, e.result])).toEqual([
      ["iam:PutUserPolicy", `arn:aws:iam::${acct.accountId}:user/web-dev`, "Allowed"],
      ["iam:PutUserPolicy", `arn:aws:iam::${acct.accountId}:user/ops-dev`, "Denied"],
      ["iam:DeleteUserPolicy", `arn:aws:iam::${acct.accountId}:user/web-dev`, "Failed"],
    ]);
  });
});

describe("group inline policies", () => {
  it("puts and deletes a group's inline policy, changing what its members may do", async () => {
    const groupId = await createGroup(acct.accountId, "Team");
    const member = await createUser(acct.accountId, "member", { groupIds: [groupId] });
    await execute(PutGroupPolicy, { GroupName: "team", PolicyName: "List", PolicyDocument: allow("iam:ListUsers") }, acct.root);
    expect(await execute(GetGroupPolicy, { GroupName: "Team", PolicyName: "list" }, acct.root)).toEqual({ GroupName: "Team", PolicyName: "List", PolicyDocument: allow("iam:ListUsers") });
    await execute(ListUsers, {}, member);

    await execute(PutGroupPolicy, { GroupName: "Team", PolicyName: "List", PolicyDocument: allow("iam:GetUser") }, acct.root);
    const denied = await expectIamError(execute(ListUsers, {}, member), "AccessDenied");
    expect(denied.message).toContain("no statement allows iam:ListUsers");

    await execute(DeleteGroupPolicy, { GroupName: "Team", PolicyName: "LIST" }, acct.root);
    expect((await execute(ListGroupPolicies, { GroupName: "Team" }, acct.root)).PolicyNames).toEqual([]);
    await expectIamError(execute(DeleteGroupPolicy, { GroupName: "Team", PolicyName: "List" }, acct.root), "NoSuchEntity", "The group policy with name List cannot be found.");
    await expectIamError(execute(PutGroupPolicy, { GroupName: "Nobody", PolicyName: "P", PolicyDocument: allow("iam:GetUser") }, acct.root), "NoSuchEntity", "The group with name Nobody cannot be found.");
  });

  it("holds a group's inline policy to 5,120 characters without white space", async () => {
    await createGroup(acct.accountId, "Team");
    await execute(PutGroupPolicy, { GroupName: "Team", PolicyName: "AtLimit", PolicyDocument: documentOfSize(5120) }, acct.root);
    await expectIamError(
      execute(PutGroupPolicy, { GroupName: "Team", PolicyName: "Over", PolicyDocument: documentOfSize(5121) }, acct.root),
      "MalformedPolicyDocument",
      /5121 characters .* 5120-character quota for an inline policy of a group/,
    );
    await expectIamError(execute(PutGroupPolicy, { GroupName: "Team", PolicyName: "More", PolicyDocument: documentOfSize(200) }, acct.root), "LimitExceeded", /InlinePolicySizePerGroup: 5120/);
  });

  it("is decided on the group's ARN", async () => {
    await createGroup(acct.accountId, "Devs");
    await createGroup(acct.accountId, "Admins");
    const lead = await createUser(acct.accountId, "lead", { inline: { DevsOnly: JSON.parse(allow("iam:PutGroupPolicy", `arn:aws:iam::${acct.accountId}:group/Devs`)) } });
    await execute(PutGroupPolicy, { GroupName: "Devs", PolicyName: "P", PolicyDocument: allow("iam:GetUser") }, lead);
    await expectIamError(execute(PutGroupPolicy, { GroupName: "Admins", PolicyName: "P", PolicyDocument: allow("*") }, lead), "AccessDenied");
    expect(await db.inlinePolicy.count({ where: { group: { accountId: acct.accountId } } })).toBe(1);
  });
});
