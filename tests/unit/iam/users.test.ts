import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { CreateUser, GetUser, ListUsers, UpdateUser } from "@/lib/iam/users/users";
import { auditEvents, createAccount, createCustomerPolicy, createUser, db, expectIamError, managed, rowCounts, snapshot, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("CreateUser", () => {
  it("creates a user with an AWS-shaped ID and ARN, path and tags, and audits it", async () => {
    const { User } = await execute(CreateUser, { UserName: "alice", Path: "/engineering/", Tags: [{ Key: "team", Value: "web" }] }, acct.root);
    expect(User).toMatchObject({ UserName: "alice", Path: "/engineering/", Arn: `arn:aws:iam::${acct.accountId}:user/engineering/alice`, Tags: [{ Key: "team", Value: "web" }] });
    expect(User.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    const [event] = await auditEvents(acct.accountId, "iam:CreateUser");
    expect(event).toMatchObject({ result: "Allowed", principalArn: acct.root.arn, resource: User.Arn, readOnly: false });
  });

  it("refuses a name that differs only in case, and writes nothing", async () => {
    await createUser(acct.accountId, "alice");
    const before = await rowCounts();
    await expectIamError(execute(CreateUser, { UserName: "ALICE" }, acct.root), "EntityAlreadyExists", "User with name ALICE already exists.");
    expect(await rowCounts()).toEqual(before);
    const [event] = await auditEvents(acct.accountId, "iam:CreateUser");
    expect(event).toMatchObject({ result: "Failed", errorCode: "EntityAlreadyExists" });
  });

  it.each([
    ["an empty name", { UserName: "" }, /UserName: must not be empty/],
    ["a name over 64 characters", { UserName: "a".repeat(65) }, /UserName: must be at most 64 characters/],
    ["a space in the name", { UserName: "alice smith" }, /UserName: may contain only letters, digits and \+ = , \. @ _ -/],
    ["a path without slashes", { UserName: "alice", Path: "engineering" }, /Path: must be \/ or begin and end with \//],
    ["a tag key starting with aws:", { UserName: "alice", Tags: [{ Key: "aws:team", Value: "x" }] }, /reserved for AWS/],
    ["duplicate tag keys", { UserName: "alice", Tags: [{ Key: "team", Value: "a" }, { Key: "Team", Value: "b" }] }, /tag keys must be unique/],
    ["a malformed boundary ARN", { UserName: "alice", PermissionsBoundary: "AdministratorAccess" }, /PermissionsBoundary: must be a managed policy ARN/],
  ])("rejects %s with a ValidationError and writes nothing", async (_label, input, message) => {
    const before = await rowCounts();
    await expectIamError(execute(CreateUser, input, acct.root), "ValidationError", message);
    expect(await rowCounts()).toEqual(before);
  });

  it("accepts every character AWS allows in a user name", async () => {
    const { User } = await execute(CreateUser, { UserName: "a+b=c,d.e@f_g-h" }, acct.root);
    expect(User.UserName).toBe("a+b=c,d.e@f_g-h");
  });

  it("sets a permissions boundary that exists, and refuses one that does not", async () => {
    const { User } = await execute(CreateUser, { UserName: "bounded", PermissionsBoundary: managed("IAMReadOnlyAccess") }, acct.root);
    expect(User.PermissionsBoundary).toEqual({ PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: managed("IAMReadOnlyAccess") });
    const missing = `arn:aws:iam::${acct.accountId}:policy/Nope`;
    await expectIamError(execute(CreateUser, { UserName: "other", PermissionsBoundary: missing }, acct.root), "NoSuchEntity", `Policy ${missing} does not exist or is not attachable.`);
    expect(await db.user.count({ where: { accountId: acct.accountId } })).toBe(1);
  });

  it("cannot use another account's customer managed policy as a boundary", async () => {
    const other = await createAccount();
    const arn = await createCustomerPolicy(other.accountId, "Theirs", { Version: "2012-10-17", Statement: [] });
    await expectIamError(execute(CreateUser, { UserName: "alice", PermissionsBoundary: arn }, acct.root), "NoSuchEntity");
  });

  it("stops at the quota of 5,000 users per account", async () => {
    await db.user.createMany({
      data: Array.from({ length: 5000 }, (_, i) => ({
        id: `AIDAQUOTA${acct.accountId}${i}`,
        accountId: acct.accountId,
        name: `u${i}`,
        nameLower: `u${i}`,
        arn: `arn:aws:iam::${acct.accountId}:user/u${i}`,
      })),
    });
    await expectIamError(execute(CreateUser, { UserName: "one-too-many" }, acct.root), "LimitExceeded", /UsersPerAccount: 5000/);
    expect(await db.user.count({ where: { accountId: acct.accountId } })).toBe(5000);
  });
});

describe("GetUser", () => {
  it("returns the user with its tags", async () => {
    await createUser(acct.accountId, "bob", { path: "/ops/", tags: { team: "ops" } });
    const { User } = await execute(GetUser, { UserName: "BOB" }, acct.root);
    expect(User).toMatchObject({ UserName: "bob", Path: "/ops/", Tags: [{ Key: "team", Value: "ops" }] });
  });

  it("says which user cannot be found, and does not reach into another account", async () => {
    const other = await createAccount();
    await createUser(other.accountId, "bob");
    await expectIamError(execute(GetUser, { UserName: "bob" }, acct.root), "NoSuchEntity", "The user with name bob cannot be found.");
    const [event] = await auditEvents(acct.accountId, "iam:GetUser");
    expect(event).toMatchObject({ result: "Failed", readOnly: true, errorCode: "NoSuchEntity" });
  });
});

describe("UpdateUser", () => {
  it("renames and moves a user, updating its ARN", async () => {
    const bob = await createUser(acct.accountId, "bob");
    await execute(UpdateUser, { UserName: "bob", NewUserName: "robert", NewPath: "/sales/" }, acct.root);
    const row = await db.user.findUniqueOrThrow({ where: { id: bob.userId } });
    expect(row).toMatchObject({ name: "robert", nameLower: "robert", path: "/sales/", arn: `arn:aws:iam::${acct.accountId}:user/sales/robert` });
  });

  it("allows a change of case only, but not a clash with another user", async () => {
    await createUser(acct.accountId, "bob");
    await createUser(acct.accountId, "carol");
    await execute(UpdateUser, { UserName: "bob", NewUserName: "Bob" }, acct.root);
    const before = await snapshot(acct.accountId);
    await expectIamError(execute(UpdateUser, { UserName: "Bob", NewUserName: "CAROL" }, acct.root), "EntityAlreadyExists", "User with name CAROL already exists.");
    expect(await snapshot(acct.accountId)).toBe(before);
  });

  it("reports a missing user", async () => {
    await expectIamError(execute(UpdateUser, { UserName: "ghost", NewPath: "/x/" }, acct.root), "NoSuchEntity", /ghost cannot be found/);
  });

  // IAM User Guide, "Renaming an IAM user": the caller needs the permission on both the current and
  // the new name (resource ARN).
  it("needs iam:UpdateUser on the new ARN as well as the current one", async () => {
    await createUser(acct.accountId, "bob");
    const onlyCurrent = await createCustomerPolicy(acct.accountId, "RenameBobOnly", {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "iam:UpdateUser", Resource: `arn:aws:iam::${acct.accountId}:user/bob` }],
    });
    const admin = await createUser(acct.accountId, "renamer", { policies: [onlyCurrent] });
    const before = await snapshot(acct.accountId);
    await expectIamError(execute(UpdateUser, { UserName: "bob", NewUserName: "robert" }, admin), "AccessDenied", /user\/robert/);
    expect(await snapshot(acct.accountId)).toBe(before);
    const both = await createCustomerPolicy(acct.accountId, "RenameBobToRobert", {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "iam:UpdateUser", Resource: `arn:aws:iam::${acct.accountId}:user/robert` }],
    });
    await db.userPolicyAttachment.create({ data: { userId: admin.userId, policyId: (await db.managedPolicy.findUniqueOrThrow({ where: { arn: both } })).id } });
    await execute(UpdateUser, { UserName: "bob", NewUserName: "robert" }, admin);
    expect(await db.user.count({ where: { accountId: acct.accountId, name: "robert" } })).toBe(1);
  });
});

describe("ListUsers", () => {
  beforeEach(async () => {
    for (const name of ["dave", "Alice", "carol", "bob_1", "bobx1", "erin"]) await createUser(acct.accountId, name, { path: name === "erin" ? "/ops/" : "/" });
    const other = await createAccount();
    await createUser(other.accountId, "zed-in-another-account");
  });

  it("lists only the caller's account, by name, case-insensitively", async () => {
    const { Users, TotalCount, IsTruncated, Marker } = await execute(ListUsers, {}, acct.root);
    expect(Users.map((u) => u.UserName)).toEqual(["Alice", "bob_1", "bobx1", "carol", "dave", "erin"]);
    expect(TotalCount).toBe(6);
    expect(IsTruncated).toBe(false);
    expect(Marker).toBeUndefined();
  });

  it("filters by a case-insensitive substring of the name, treating _ literally", async () => {
    expect((await execute(ListUsers, { Filter: "ALI" }, acct.root)).Users.map((u) => u.UserName)).toEqual(["Alice"]);
    const underscore = await execute(ListUsers, { Filter: "b_1" }, acct.root);
    expect(underscore.Users.map((u) => u.UserName)).toEqual(["bob_1"]);
    expect(underscore.TotalCount).toBe(1);
  });

  it("filters by path prefix and sorts descending", async () => {
    expect((await execute(ListUsers, { PathPrefix: "/ops/" }, acct.root)).Users.map((u) => u.UserName)).toEqual(["erin"]);
    expect((await execute(ListUsers, { SortOrder: "Descending" }, acct.root)).Users[0]!.UserName).toBe("erin");
  });

  it("pages with Marker and MaxItems without repeating or skipping users", async () => {
    const seen: string[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const page = await execute(ListUsers, { MaxItems: 4, SortBy: "CreateDate", ...(Marker ? { Marker } : {}) }, acct.root);
      expect(page.TotalCount).toBe(6);
      seen.push(...page.Users.map((u) => u.UserName));
      Marker = page.Marker;
      expect(page.IsTruncated).toBe(Marker !== undefined);
      pages++;
    } while (Marker);
    expect(pages).toBe(2);
    expect([...seen].sort()).toEqual(["Alice", "bob_1", "bobx1", "carol", "dave", "erin"].sort());
  });

  it("refuses a Marker it did not hand out, and MaxItems out of range", async () => {
    await expectIamError(execute(ListUsers, { Marker: "not-a-marker" }, acct.root), "ValidationError", /Marker: is not a marker returned by a previous page/);
    await expectIamError(execute(ListUsers, { MaxItems: 0 }, acct.root), "ValidationError", /MaxItems: must be at least 1/);
    await expectIamError(execute(ListUsers, { SortBy: "Email" }, acct.root), "ValidationError", /SortBy: must be UserName, CreateDate or PasswordLastUsed/);
  });
});
