// Users through the SDK: each user operation's answer in AWS's shape, pagination with MaxItems and
// Marker (by hand and with the SDK's paginator), and an IAM user working with its own access key.

import { beforeAll, describe, expect, it } from "vitest";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  paginateListUsers,
  PutUserPolicyCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateUserCommand,
  type User,
} from "@aws-sdk/client-iam";
import { iamClient, newApiAccount, rawQuery, rejectionOf, type ApiAccount, type Credentials } from "./support/apiAccount";

const USER_ID = /^AIDA[A-Z2-7]{17}$/;
const BOUNDARY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

describe("user operations", () => {
  let account: ApiAccount;
  beforeAll(async () => {
    account = await newApiAccount();
  });

  it("CreateUser with a path and tags answers AWS's User, and GetUser agrees", async () => {
    const iam = iamClient(account.rootKey);
    const before = Date.now();
    const { User } = await iam.send(
      new CreateUserCommand({ UserName: "Ana", Path: "/engineering/web/", Tags: [{ Key: "team", Value: "web" }, { Key: "cost-center", Value: "42" }], PermissionsBoundary: BOUNDARY }),
    );
    expect(User).toMatchObject({ UserName: "Ana", Path: "/engineering/web/", Arn: `arn:aws:iam::${account.accountId}:user/engineering/web/Ana` });
    expect(User?.UserId).toMatch(USER_ID);
    expect(User?.CreateDate).toBeInstanceOf(Date);
    // The wire carries whole seconds.
    expect(User!.CreateDate!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(User?.Tags).toEqual(expect.arrayContaining([{ Key: "team", Value: "web" }, { Key: "cost-center", Value: "42" }]));

    const got = await iam.send(new GetUserCommand({ UserName: "ana" }));
    expect(got.User).toMatchObject({ UserName: "Ana", UserId: User!.UserId, Arn: User!.Arn, Path: "/engineering/web/", CreateDate: User!.CreateDate });
    expect(got.User?.Tags).toHaveLength(2);
    // Never signed in to the console.
    expect(got.User?.PasswordLastUsed).toBeUndefined();
  });

  it("the permissions boundary is AWS's PermissionsBoundary structure in CreateUser's and GetUser's User", async () => {
    const iam = iamClient(account.rootKey);
    const { User } = await iam.send(new CreateUserCommand({ UserName: "bounded", PermissionsBoundary: BOUNDARY }));
    const expected = { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: BOUNDARY };
    expect(User?.PermissionsBoundary).toEqual(expected);
    expect((await iam.send(new GetUserCommand({ UserName: "bounded" }))).User?.PermissionsBoundary).toEqual(expected);
  });

  it("a minimal CreateUser has the default path and no boundary", async () => {
    const { User } = await iamClient(account.rootKey).send(new CreateUserCommand({ UserName: "plain" }));
    expect(User?.Path).toBe("/");
    expect(User?.Arn).toBe(`arn:aws:iam::${account.accountId}:user/plain`);
    expect(User?.PermissionsBoundary).toBeUndefined();
  });

  it("a user without tags has no Tags element, as AWS answers", async () => {
    const answer = await rawQuery("Action=GetUser&Version=2010-05-08&UserName=plain", account.rootKey);
    expect(answer.status).toBe(200);
    expect(answer.body).not.toContain("<Tags");
    expect((await iamClient(account.rootKey).send(new GetUserCommand({ UserName: "plain" }))).User?.Tags).toBeUndefined();
  });

  it("ListUsers filters by PathPrefix and lists only AWS's listing attributes", async () => {
    const iam = iamClient(account.rootKey);
    await iam.send(new CreateUserCommand({ UserName: "Ben", Path: "/engineering/" }));
    await iam.send(new CreateUserCommand({ UserName: "Cleo", Path: "/sales/" }));
    const engineering = await iam.send(new ListUsersCommand({ PathPrefix: "/engineering/" }));
    expect(engineering.Users?.map((user) => user.UserName).sort()).toEqual(["Ana", "Ben"]);
    expect(engineering.IsTruncated).toBe(false);
    expect(engineering.Marker).toBeUndefined();
    const ana = engineering.Users!.find((user) => user.UserName === "Ana")!;
    expect(Object.keys(ana).sort()).toEqual(["Arn", "CreateDate", "Path", "UserId", "UserName"]);
    const sales = await iam.send(new ListUsersCommand({ PathPrefix: "/sales/" }));
    expect(sales.Users?.map((user) => user.UserName)).toEqual(["Cleo"]);
  });

  it("ListUsers on the wire: <Users><member>…, IsTruncated, and none of the console's own members", async () => {
    const answer = await rawQuery("Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fsales%2F", account.rootKey);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/<ListUsersResult><Users><member><UserName>Cleo<\/UserName>.*<\/member><\/Users><IsTruncated>false<\/IsTruncated>/);
    for (const consoleOnly of ["TotalCount", "ConsoleColumns"]) expect(answer.body).not.toContain(consoleOnly);
  });

  it("UpdateUser renames and moves a user; the old name is gone", async () => {
    const iam = iamClient(account.rootKey);
    const { User } = await iam.send(new CreateUserCommand({ UserName: "temp-name", Tags: [{ Key: "k", Value: "v" }] }));
    await iam.send(new UpdateUserCommand({ UserName: "temp-name", NewUserName: "final-name", NewPath: "/moved/" }));
    const renamed = await iam.send(new GetUserCommand({ UserName: "final-name" }));
    expect(renamed.User).toMatchObject({ UserName: "final-name", UserId: User!.UserId, Path: "/moved/", Arn: `arn:aws:iam::${account.accountId}:user/moved/final-name` });
    expect(renamed.User?.Tags).toEqual([{ Key: "k", Value: "v" }]);
    const old = await rejectionOf(iam.send(new GetUserCommand({ UserName: "temp-name" })));
    expect(old.name).toBe("NoSuchEntityException");
    const missing = await rejectionOf(iam.send(new UpdateUserCommand({ UserName: "temp-name", NewPath: "/x/" })));
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  it("DeleteUser deletes; a second DeleteUser is NoSuchEntity", async () => {
    const iam = iamClient(account.rootKey);
    await iam.send(new CreateUserCommand({ UserName: "short-lived" }));
    const deleted = await iam.send(new DeleteUserCommand({ UserName: "short-lived" }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    const again = await rejectionOf(iam.send(new DeleteUserCommand({ UserName: "short-lived" })));
    expect(again.name).toBe("NoSuchEntityException");
    expect(again.$metadata.httpStatusCode).toBe(404);
  });

  it("TagUser, ListUserTags and UntagUser", async () => {
    const iam = iamClient(account.rootKey);
    await iam.send(new CreateUserCommand({ UserName: "tagged" }));
    await iam.send(new TagUserCommand({ UserName: "tagged", Tags: ["a", "b", "c", "d", "e"].map((key) => ({ Key: key, Value: `value ${key}` })) }));
    // TagUser replaces a tag's value for a key it already has.
    await iam.send(new TagUserCommand({ UserName: "tagged", Tags: [{ Key: "a", Value: "new a" }] }));
    const all = await iam.send(new ListUserTagsCommand({ UserName: "tagged" }));
    expect(all.Tags?.map((tag) => tag.Key).sort()).toEqual(["a", "b", "c", "d", "e"]);
    expect(all.Tags?.find((tag) => tag.Key === "a")?.Value).toBe("new a");
    expect(all.IsTruncated).toBe(false);

    await iam.send(new UntagUserCommand({ UserName: "tagged", TagKeys: ["a", "b", "not-there"] }));
    const { Tags, IsTruncated } = await iam.send(new ListUserTagsCommand({ UserName: "tagged" }));
    expect(Tags?.map((tag) => tag.Key).sort()).toEqual(["c", "d", "e"]);
    expect(IsTruncated).toBe(false);
  });

  it("ListUserTags honours MaxItems and Marker", async () => {
    const iam = iamClient(account.rootKey);
    await iam.send(new CreateUserCommand({ UserName: "many-tags", Tags: ["a", "b", "c", "d", "e"].map((key) => ({ Key: key, Value: key })) }));
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new ListUserTagsCommand({ UserName: "many-tags", MaxItems: 2, Marker: marker }));
      pages += 1;
      expect(page.Tags!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Tags!.map((tag) => tag.Key!));
      if (page.IsTruncated) expect(page.Marker).toBeTruthy();
      else expect(page.Marker).toBeUndefined();
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker && pages < 10);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(["a", "b", "c", "d", "e"]);
  });
});

describe("ListUsers pagination", () => {
  let account: ApiAccount;
  const names = ["page-1", "page-2", "page-3", "page-4", "page-5"];
  beforeAll(async () => {
    account = await newApiAccount();
    const iam = iamClient(account.rootKey);
    for (const name of names) await iam.send(new CreateUserCommand({ UserName: name }));
  });

  it("MaxItems 2 over 5 users: truncated pages with a Marker, followed to the end, every user once", async () => {
    const iam = iamClient(account.rootKey);
    const pages: User[][] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(new ListUsersCommand({ MaxItems: 2, Marker: marker }));
      pages.push(page.Users!);
      if (pages.length < 3) {
        expect(page.IsTruncated).toBe(true);
        expect(page.Marker).toEqual(expect.any(String));
      } else {
        expect(page.IsTruncated).toBe(false);
        expect(page.Marker).toBeUndefined();
      }
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker && pages.length < 10);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    const listed = pages.flat().map((user) => user.UserName!);
    expect([...listed].sort()).toEqual(names);
    expect(new Set(listed).size).toBe(5);
  });

  it("the SDK's paginateListUsers with pageSize 2 walks the same users", async () => {
    const iam = iamClient(account.rootKey);
    const sizes: number[] = [];
    const listed: string[] = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: 2 }, {})) {
      sizes.push(page.Users!.length);
      listed.push(...page.Users!.map((user) => user.UserName!));
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(listed.sort()).toEqual(names);
  });

  it("without MaxItems all five come in one page", async () => {
    const page = await iamClient(account.rootKey).send(new ListUsersCommand({}));
    expect(page.Users).toHaveLength(5);
    expect(page.IsTruncated).toBe(false);
  });

  it("a Marker that is not one the server gave is a client's error, not a 5xx", async () => {
    const error = await rejectionOf(iamClient(account.rootKey).send(new ListUsersCommand({ MaxItems: 2, Marker: "not-a-marker" })));
    expect(error.$metadata.httpStatusCode).toBeGreaterThanOrEqual(400);
    expect(error.$metadata.httpStatusCode).toBeLessThan(500);
  });
});

describe("an IAM user with its own access key", () => {
  let account: ApiAccount;
  let own: Credentials;
  let arn: string;
  beforeAll(async () => {
    account = await newApiAccount();
    arn = `arn:aws:iam::${account.accountId}:user/devs/self-reader`;
    const iam = iamClient(account.rootKey);
    await iam.send(new CreateUserCommand({ UserName: "self-reader", Path: "/devs/" }));
    const readSelf = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: arn }] };
    await iam.send(new PutUserPolicyCommand({ UserName: "self-reader", PolicyName: "read-self", PolicyDocument: JSON.stringify(readSelf) }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "self-reader" }));
    own = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  });

  it("can GetUser itself by name and is denied ListUsers", async () => {
    const iam = iamClient(own);
    const { User } = await iam.send(new GetUserCommand({ UserName: "self-reader" }));
    expect(User?.Arn).toBe(arn);
    const denied = await rejectionOf(iam.send(new ListUsersCommand({})));
    expect(denied.name).toBe("AccessDenied");
    expect(denied.$metadata.httpStatusCode).toBe(403);
  });

  it("GetUser with no UserName answers the caller itself, as AWS does", async () => {
    const { User } = await iamClient(own).send(new GetUserCommand({}));
    expect(User).toMatchObject({ UserName: "self-reader", Path: "/devs/", Arn: arn });
  });

  it("GetUser with no UserName from the root user answers the root user: its ARN, the account ID as its ID, no name", async () => {
    const { User } = await iamClient(account.rootKey).send(new GetUserCommand({}));
    expect(User?.Arn).toBe(`arn:aws:iam::${account.accountId}:root`);
    expect(User?.UserId).toBe(account.accountId);
    expect(User?.CreateDate).toBeInstanceOf(Date);
    expect(User?.UserName).toBeUndefined();
  });
});
