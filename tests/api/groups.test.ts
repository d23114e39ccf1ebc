// Groups and memberships through the SDK: each operation's answer in AWS's shape, and the lists
// (ListGroups, GetGroup's members, ListGroupsForUser) paged with MaxItems and Marker.

import { beforeAll, describe, expect, it } from "vitest";
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  IAMClient,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
} from "@aws-sdk/client-iam";
import { iamClient, newApiAccount, rejectionOf, type ApiAccount } from "./support/apiAccount";

const GROUP_ID = /^AGPA[A-Z2-7]{17}$/;

/** Follows Marker to the end; answers each page's item count and all the items. */
async function allPages<T>(fetchPage: (marker: string | undefined) => Promise<{ items: T[]; IsTruncated?: boolean; Marker?: string }>): Promise<{ sizes: number[]; items: T[] }> {
  const sizes: number[] = [];
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetchPage(marker);
    sizes.push(page.items.length);
    items.push(...page.items);
    if (page.IsTruncated) expect(page.Marker).toEqual(expect.any(String));
    else expect(page.Marker).toBeUndefined();
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker && sizes.length < 20);
  return { sizes, items };
}

describe("group operations", () => {
  let account: ApiAccount;
  let iam: IAMClient;
  beforeAll(async () => {
    account = await newApiAccount();
    iam = iamClient(account.rootKey);
  });

  it("CreateGroup answers AWS's Group; GetGroup adds its members", async () => {
    const { Group } = await iam.send(new CreateGroupCommand({ GroupName: "Developers", Path: "/eng/" }));
    expect(Group).toMatchObject({ GroupName: "Developers", Path: "/eng/", Arn: `arn:aws:iam::${account.accountId}:group/eng/Developers` });
    expect(Group?.GroupId).toMatch(GROUP_ID);
    expect(Group?.CreateDate).toBeInstanceOf(Date);

    const empty = await iam.send(new GetGroupCommand({ GroupName: "developers" }));
    expect(empty.Group).toEqual(Group);
    expect(empty.Users).toEqual([]);
    expect(empty.IsTruncated).toBe(false);

    await iam.send(new CreateUserCommand({ UserName: "dev-1" }));
    await iam.send(new AddUserToGroupCommand({ GroupName: "Developers", UserName: "dev-1" }));
    const withMember = await iam.send(new GetGroupCommand({ GroupName: "Developers" }));
    expect(withMember.Users).toHaveLength(1);
    expect(withMember.Users![0]).toMatchObject({ UserName: "dev-1", Path: "/", Arn: `arn:aws:iam::${account.accountId}:user/dev-1` });
  });

  it("CreateGroup twice is EntityAlreadyExists; GetGroup of a missing group is NoSuchEntity", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "Twice" }));
    const again = await rejectionOf(iam.send(new CreateGroupCommand({ GroupName: "twice" })));
    expect(again.name).toBe("EntityAlreadyExistsException");
    expect(again.$metadata.httpStatusCode).toBe(409);
    const missing = await rejectionOf(iam.send(new GetGroupCommand({ GroupName: "no-such-group" })));
    expect(missing.name).toBe("NoSuchEntityException");
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toBe("The group with name no-such-group cannot be found.");
  });

  it("UpdateGroup renames and moves a group, keeping its members", async () => {
    const { Group } = await iam.send(new CreateGroupCommand({ GroupName: "old-group" }));
    await iam.send(new CreateUserCommand({ UserName: "mover" }));
    await iam.send(new AddUserToGroupCommand({ GroupName: "old-group", UserName: "mover" }));
    await iam.send(new UpdateGroupCommand({ GroupName: "old-group", NewGroupName: "new-group", NewPath: "/moved/" }));
    const renamed = await iam.send(new GetGroupCommand({ GroupName: "new-group" }));
    expect(renamed.Group).toMatchObject({ GroupName: "new-group", GroupId: Group!.GroupId, Path: "/moved/", Arn: `arn:aws:iam::${account.accountId}:group/moved/new-group` });
    expect(renamed.Users?.map((user) => user.UserName)).toEqual(["mover"]);
    expect((await rejectionOf(iam.send(new GetGroupCommand({ GroupName: "old-group" })))).name).toBe("NoSuchEntityException");
  });

  it("RemoveUserFromGroup, then DeleteGroup; removing a non-member is NoSuchEntity", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "temporary" }));
    await iam.send(new CreateUserCommand({ UserName: "visitor" }));
    await iam.send(new AddUserToGroupCommand({ GroupName: "temporary", UserName: "visitor" }));
    // Adding a member twice changes nothing, as in AWS.
    await iam.send(new AddUserToGroupCommand({ GroupName: "temporary", UserName: "visitor" }));
    expect((await iam.send(new GetGroupCommand({ GroupName: "temporary" }))).Users).toHaveLength(1);

    await iam.send(new RemoveUserFromGroupCommand({ GroupName: "temporary", UserName: "visitor" }));
    expect((await iam.send(new GetGroupCommand({ GroupName: "temporary" }))).Users).toEqual([]);
    const notMember = await rejectionOf(iam.send(new RemoveUserFromGroupCommand({ GroupName: "temporary", UserName: "visitor" })));
    expect(notMember.name).toBe("NoSuchEntityException");
    expect(notMember.$metadata.httpStatusCode).toBe(404);

    const deleted = await iam.send(new DeleteGroupCommand({ GroupName: "temporary" }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect((await rejectionOf(iam.send(new DeleteGroupCommand({ GroupName: "temporary" })))).name).toBe("NoSuchEntityException");
  });

  it("AddUserToGroup for a missing user or group is NoSuchEntity", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "lonely" }));
    const noUser = await rejectionOf(iam.send(new AddUserToGroupCommand({ GroupName: "lonely", UserName: "ghost" })));
    expect(noUser.name).toBe("NoSuchEntityException");
    const noGroup = await rejectionOf(iam.send(new AddUserToGroupCommand({ GroupName: "ghost-group", UserName: "visitor" })));
    expect(noGroup.name).toBe("NoSuchEntityException");
  });
});

describe("group lists with MaxItems", () => {
  let account: ApiAccount;
  let iam: IAMClient;
  const groups = ["g-1", "g-2", "g-3", "g-4", "g-5"];
  const members = ["m-1", "m-2", "m-3", "m-4", "m-5"];
  beforeAll(async () => {
    account = await newApiAccount();
    iam = iamClient(account.rootKey);
    for (const [index, name] of groups.entries()) await iam.send(new CreateGroupCommand({ GroupName: name, Path: index < 2 ? "/ops/" : "/" }));
    for (const name of members) {
      await iam.send(new CreateUserCommand({ UserName: name }));
      await iam.send(new AddUserToGroupCommand({ GroupName: "g-1", UserName: name }));
    }
    for (const name of groups) await iam.send(new AddUserToGroupCommand({ GroupName: name, UserName: "m-1" }));
  });

  it("ListGroups pages through every group once; PathPrefix filters", async () => {
    const { sizes, items } = await allPages(async (Marker) => {
      const page = await iam.send(new ListGroupsCommand({ MaxItems: 2, Marker }));
      return { ...page, items: page.Groups! };
    });
    expect(sizes).toEqual([2, 2, 1]);
    expect(items.map((group) => group.GroupName).sort()).toEqual(groups);
    const ops = await iam.send(new ListGroupsCommand({ PathPrefix: "/ops/" }));
    expect(ops.Groups?.map((group) => group.GroupName).sort()).toEqual(["g-1", "g-2"]);
  });

  it("GetGroup pages through its members", async () => {
    const { sizes, items } = await allPages(async (Marker) => {
      const page = await iam.send(new GetGroupCommand({ GroupName: "g-1", MaxItems: 2, Marker }));
      expect(page.Group?.GroupName).toBe("g-1");
      return { ...page, items: page.Users! };
    });
    expect(sizes).toEqual([2, 2, 1]);
    expect(items.map((user) => user.UserName).sort()).toEqual(members);
  });

  it("ListGroupsForUser pages through the user's groups", async () => {
    const { sizes, items } = await allPages(async (Marker) => {
      const page = await iam.send(new ListGroupsForUserCommand({ UserName: "m-1", MaxItems: 3, Marker }));
      return { ...page, items: page.Groups! };
    });
    expect(sizes).toEqual([3, 2]);
    expect(items.map((group) => group.GroupName).sort()).toEqual(groups);
    expect(items[0]).toMatchObject({ Arn: expect.stringMatching(/^arn:aws:iam::\d{12}:group\//), GroupId: expect.stringMatching(GROUP_ID) });
    const others = await iam.send(new ListGroupsForUserCommand({ UserName: "m-2" }));
    expect(others.Groups?.map((group) => group.GroupName)).toEqual(["g-1"]);
  });
});
