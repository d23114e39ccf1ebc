import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { ListUserTags, TagUser, UntagUser } from "@/lib/iam/users/tags";
import { createAccount, createUser, expectIamError, rowCounts, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("user tags", () => {
  it("adds, overwrites (case-insensitively) and removes tags", async () => {
    await createUser(acct.accountId, "alice", { tags: { team: "web" } });
    await execute(TagUser, { UserName: "alice", Tags: [{ Key: "Team", Value: "ops" }, { Key: "cost-center", Value: "42" }] }, acct.root);
    expect((await execute(ListUserTags, { UserName: "alice" }, acct.root)).Tags).toEqual([
      { Key: "cost-center", Value: "42" },
      { Key: "Team", Value: "ops" },
    ]);
    await execute(UntagUser, { UserName: "alice", TagKeys: ["TEAM", "not-there"] }, acct.root);
    expect((await execute(ListUserTags, { UserName: "alice" }, acct.root)).Tags).toEqual([{ Key: "cost-center", Value: "42" }]);
  });

  it("stops at 50 tags per user, adding none of the request's tags", async () => {
    const tags = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"]));
    await createUser(acct.accountId, "tagged", { tags });
    const before = await rowCounts();
    await expectIamError(
      execute(TagUser, { UserName: "tagged", Tags: [{ Key: "new1", Value: "" }, { Key: "new2", Value: "" }] }, acct.root),
      "LimitExceeded",
      /TagsPerUser: 50/,
    );
    expect(await rowCounts()).toEqual(before);
    // Replacing an existing key does not count against the quota.
    await execute(TagUser, { UserName: "tagged", Tags: [{ Key: "K0", Value: "w" }, { Key: "new1", Value: "" }] }, acct.root);
  });

  it("validates tag keys and values", async () => {
    await createUser(acct.accountId, "alice");
    await expectIamError(execute(TagUser, { UserName: "alice", Tags: [] }, acct.root), "ValidationError", /at least one tag/);
    await expectIamError(execute(TagUser, { UserName: "alice", Tags: [{ Key: "k".repeat(129), Value: "" }] }, acct.root), "ValidationError", /at most 128/);
    await expectIamError(execute(TagUser, { UserName: "alice", Tags: [{ Key: "ok", Value: "semi;colon" }] }, acct.root), "ValidationError", /tag value may contain only/);
  });

  it("reports a missing user", async () => {
    await expectIamError(execute(ListUserTags, { UserName: "ghost" }, acct.root), "NoSuchEntity", /ghost cannot be found/);
  });
});
