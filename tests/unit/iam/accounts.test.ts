import { beforeEach, describe, expect, it } from "vitest";
import { CreateAccountAlias, DeleteAccountAlias, ListAccountAliases } from "@/lib/iam/account/aliases";
import { GetAccountSummary } from "@/lib/iam/account/summary";
import { execute } from "@/lib/iam/core/operation";
import { createAccount, createCustomerPolicy, createGroup, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("GetAccountSummary", () => {
  it("counts this account's entities next to AWS's quotas", async () => {
    await createUser(acct.accountId, "a");
    await createUser(acct.accountId, "b");
    await createGroup(acct.accountId, "g");
    await createCustomerPolicy(acct.accountId, "P", { Version: "2012-10-17", Statement: [] });
    const other = await createAccount();
    await createUser(other.accountId, "elsewhere");
    await db.mfaDevice.create({
      data: { accountId: acct.accountId, serialNumber: `arn:aws:iam::${acct.accountId}:mfa/root`, name: "root", rootAccountId: acct.accountId, secretCiphertext: "sealed", enabledAt: new Date() },
    });
    const { SummaryMap } = await execute(GetAccountSummary, undefined, acct.root);
    expect(SummaryMap).toMatchObject({
      Users: 2,
      UsersQuota: 5000,
      Groups: 1,
      GroupsQuota: 300,
      Policies: 1,
      GroupsPerUserQuota: 10,
      AttachedPoliciesPerUserQuota: 10,
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 0,
      MFADevicesInUse: 1,
    });
  });
});

describe("GetAccountSummary's best-practice counts", () => {
  it("counts administrators (directly or through a group), console users and where policies are attached", async () => {
    const admins = await createGroup(acct.accountId, "Admins", [managed("AdministratorAccess")]);
    await createGroup(acct.accountId, "Readers", [managed("IAMReadOnlyAccess")]);
    await createGroup(acct.accountId, "Empty");
    await createUser(acct.accountId, "alice", { groupIds: [admins], loginProfile: true });
    await createUser(acct.accountId, "bob", { policies: [managed("AdministratorAccess")], loginProfile: true });
    await createUser(acct.accountId, "carol", { inline: { Own: { Version: "2012-10-17", Statement: [] } } });
    await createUser(acct.accountId, "dave");
    const { SummaryMap } = await execute(GetAccountSummary, undefined, acct.root);
    expect(SummaryMap).toMatchObject({ AdministratorUsers: 2, UsersWithConsoleAccess: 2, UsersWithDirectPolicies: 2, GroupsWithPolicies: 2 });
  });
});

describe("account alias", () => {
  it("creates, replaces, lists and deletes the alias", async () => {
    expect((await execute(ListAccountAliases, {}, acct.root)).AccountAliases).toEqual([]);
    await execute(CreateAccountAlias, { AccountAlias: "example-corp" }, acct.root);
    await execute(CreateAccountAlias, { AccountAlias: "example-corp-2" }, acct.root);
    expect((await execute(ListAccountAliases, {}, acct.root)).AccountAliases).toEqual(["example-corp-2"]);
    await expectIamError(execute(DeleteAccountAlias, { AccountAlias: "example-corp" }, acct.root), "NoSuchEntity", "The account alias example-corp cannot be found.");
    await execute(DeleteAccountAlias, { AccountAlias: "example-corp-2" }, acct.root);
    expect((await execute(ListAccountAliases, {}, acct.root)).AccountAliases).toEqual([]);
  });

  it("refuses an alias another account holds", async () => {
    const other = await createAccount();
    await execute(CreateAccountAlias, { AccountAlias: "taken" }, other.root);
    await expectIamError(execute(CreateAccountAlias, { AccountAlias: "taken" }, acct.root), "EntityAlreadyExists", /taken already exists/);
    expect((await db.account.findUniqueOrThrow({ where: { id: acct.accountId } })).alias).toBeNull();
  });

  it.each([["ab"], ["Upper"], ["double--hyphen"], ["-leading"], ["123456789012"]])("rejects the alias %s", async (alias) => {
    await expectIamError(execute(CreateAccountAlias, { AccountAlias: alias }, acct.root), "ValidationError", /^AccountAlias: /);
  });
});

describe("GetAccountSummary's credential recommendations", () => {
  it("counts console users without MFA, active access keys older than 90 days and root access keys", async () => {
    const own = await createAccount("Credentials");
    const withMfa = await createUser(own.accountId, "has-mfa", { loginProfile: true });
    await createUser(own.accountId, "no-mfa", { loginProfile: true });
    const keysOnly = await createUser(own.accountId, "api-only");
    await db.mfaDevice.create({
      data: { accountId: own.accountId, serialNumber: `arn:aws:iam::${own.accountId}:mfa/has-mfa`, name: "has-mfa", userId: withMfa.userId, secretCiphertext: "sealed", enabledAt: new Date() },
    });
    const old = new Date(Date.now() - 91 * 24 * 60 * 60 * 1000);
    const key = (id: string, data: object) => db.accessKey.create({ data: { id, accountId: own.accountId, secretCiphertext: "sealed", ...data } });
    await key(`AKIAOLD${own.accountId}`, { userId: keysOnly.userId, createdAt: old });
    await key(`AKIAOLDOFF${own.accountId}`, { userId: keysOnly.userId, createdAt: old, status: "Inactive" });
    await key(`AKIAROOT${own.accountId}`, { rootAccountId: own.accountId });
    const { SummaryMap } = await execute(GetAccountSummary, {}, own.root);
    expect(SummaryMap).toMatchObject({ ConsoleUsersWithoutMFA: 1, AccessKeysOlderThan90Days: 1, AccountAccessKeysPresent: 1 });
  });
});
