import { describe, expect, it } from "vitest";
import { CreateUserCommand, GetUserCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { iamClient, newApiAccount, stsClient } from "./support/apiAccount";

describe("smoke", () => {
  it("works", async () => {
    const account = await newApiAccount();
    const iam = iamClient(account.rootKey);
    const created = await iam.send(new CreateUserCommand({ UserName: "alice", Tags: [{ Key: "team", Value: "web platform" }] }));
    expect(created.User?.UserName).toBe("alice");
    const got = await iam.send(new GetUserCommand({ UserName: "alice" }));
    expect(got.User?.Arn).toBe(`arn:aws:iam::${account.accountId}:user/alice`);
    const list = await iam.send(new ListUsersCommand({ MaxItems: 1 }));
    console.log(list);
    const who = await stsClient(account.rootKey, "eu-west-3").send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(account.accountId);
    await expect(iam.send(new GetUserCommand({ UserName: "nobody" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
  });
});
