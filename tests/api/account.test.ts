// The account's own settings through the SDK: the password policy (absent until set), the account
// alias, and GetAccountSummary's SummaryMap in AWS's keys.

import { beforeAll, describe, expect, it } from "vitest";
import {
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  DeleteAccountPasswordPolicyCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  IAMClient,
  ListAccountAliasesCommand,
  SummaryKeyType,
  UpdateAccountPasswordPolicyCommand,
} from "@aws-sdk/client-iam";
import { iamClient, newApiAccount, rejectionOf, type ApiAccount } from "./support/apiAccount";

describe("the account password policy", () => {
  let account: ApiAccount;
  let iam: IAMClient;
  beforeAll(async () => {
    account = await newApiAccount();
    iam = iamClient(account.rootKey);
  });

  it("is NoSuchEntity (404) before one is set", async () => {
    const error = await rejectionOf(iam.send(new GetAccountPasswordPolicyCommand({})));
    expect(error.name).toBe("NoSuchEntityException");
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe(`The Password Policy with domain name ${account.accountId} cannot be found.`);
  });

  it("UpdateAccountPasswordPolicy sets it, GetAccountPasswordPolicy answers AWS's PasswordPolicy, Delete removes it", async () => {
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: false,
        AllowUsersToChangePassword: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 5,
        HardExpiry: false,
      }),
    );
    const { PasswordPolicy } = await iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(PasswordPolicy).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 5,
      HardExpiry: false,
    });

    // An update replaces the whole policy: members left out take AWS's defaults.
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 10 }));
    const replaced = await iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(replaced.PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 10,
      RequireSymbols: false,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
    });
    expect(replaced.PasswordPolicy?.MaxPasswordAge).toBeUndefined();
    expect(replaced.PasswordPolicy?.PasswordReusePrevention).toBeUndefined();

    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
    expect((await rejectionOf(iam.send(new GetAccountPasswordPolicyCommand({})))).name).toBe("NoSuchEntityException");
    const again = await rejectionOf(iam.send(new DeleteAccountPasswordPolicyCommand({})));
    expect(again.name).toBe("NoSuchEntityException");
    expect(again.$metadata.httpStatusCode).toBe(404);
  });

  it("rejects values outside AWS's ranges with a 400", async () => {
    const tooShort = await rejectionOf(iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 5 })));
    expect(tooShort.name).toBe("ValidationError");
    expect(tooShort.$metadata.httpStatusCode).toBe(400);
    const tooOld = await rejectionOf(iam.send(new UpdateAccountPasswordPolicyCommand({ MaxPasswordAge: 1096 })));
    expect(tooOld.$metadata.httpStatusCode).toBe(400);
  });
});

describe("the account alias", () => {
  let account: ApiAccount;
  let iam: IAMClient;
  let alias: string;
  beforeAll(async () => {
    account = await newApiAccount();
    iam = iamClient(account.rootKey);
    alias = `h1-alias-${account.accountId}`;
  });

  it("CreateAccountAlias, ListAccountAliases and DeleteAccountAlias", async () => {
    const none = await iam.send(new ListAccountAliasesCommand({}));
    expect(none.AccountAliases).toEqual([]);
    expect(none.IsTruncated).toBe(false);

    await iam.send(new CreateAccountAliasCommand({ AccountAlias: alias }));
    const listed = await iam.send(new ListAccountAliasesCommand({}));
    expect(listed.AccountAliases).toEqual([alias]);
    expect(listed.IsTruncated).toBe(false);

    const wrong = await rejectionOf(iam.send(new DeleteAccountAliasCommand({ AccountAlias: "not-this-accounts-alias" })));
    expect(wrong.name).toBe("NoSuchEntityException");
    expect(wrong.$metadata.httpStatusCode).toBe(404);

    await iam.send(new DeleteAccountAliasCommand({ AccountAlias: alias }));
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
  });

  it("an alias another account holds is EntityAlreadyExists (409); a malformed one is ValidationError (400)", async () => {
    const other = await newApiAccount("another account");
    const taken = `h1-taken-${other.accountId}`;
    await iamClient(other.rootKey).send(new CreateAccountAliasCommand({ AccountAlias: taken }));
    const error = await rejectionOf(iam.send(new CreateAccountAliasCommand({ AccountAlias: taken })));
    expect(error.name).toBe("EntityAlreadyExistsException");
    expect(error.$metadata.httpStatusCode).toBe(409);

    const malformed = await rejectionOf(iam.send(new CreateAccountAliasCommand({ AccountAlias: "Upper_Case" })));
    expect(malformed.name).toBe("ValidationError");
    expect(malformed.$metadata.httpStatusCode).toBe(400);
  });
});

describe("GetAccountSummary", () => {
  let account: ApiAccount;
  let iam: IAMClient;
  beforeAll(async () => {
    account = await newApiAccount();
    iam = iamClient(account.rootKey);
    for (const name of ["one", "two", "three"]) await iam.send(new CreateUserCommand({ UserName: name }));
    await iam.send(new CreateGroupCommand({ GroupName: "team" }));
    await iam.send(new CreateAccessKeyCommand({ UserName: "one" }));
    await iam.send(new CreateLoginProfileCommand({ UserName: "two", Password: "Summary-Password-99!" }));
  });

  it("counts the account's entities and states AWS's quotas", async () => {
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    expect(SummaryMap).toMatchObject({
      Users: 3,
      Groups: 1,
      AccessKeysPerUserQuota: 2,
      // The root user has an access key (the suite's own), and no MFA device.
      AccountAccessKeysPresent: 1,
      AccountMFAEnabled: 0,
      MFADevices: 0,
      MFADevicesInUse: 0,
    });
    const quotas: SummaryKeyType[] = ["UsersQuota", "GroupsQuota", "GroupsPerUserQuota", "PoliciesQuota", "VersionsPerPolicyQuota", "AttachedPoliciesPerUserQuota", "AttachedPoliciesPerGroupQuota"];
    for (const quota of quotas) {
      expect({ quota, value: SummaryMap?.[quota] }).toEqual({ quota, value: expect.any(Number) });
      expect(SummaryMap![quota]).toBeGreaterThan(0);
    }
    expect(SummaryMap?.GroupsPerUserQuota).toBe(10);
    expect(SummaryMap?.VersionsPerPolicyQuota).toBe(5);
  });

  it("has only AWS's summary keys (the console's extra counts stay off the wire)", async () => {
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    const awsKeys = new Set<string>(Object.values(SummaryKeyType));
    expect(Object.keys(SummaryMap!).filter((key) => !awsKeys.has(key))).toEqual([]);
  });

  it("has the AWS keys for what Portcullis has: the root password, policy sizes, role attachments", async () => {
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    const expected: SummaryKeyType[] = [
      "AccountPasswordPresent",
      "AttachedPoliciesPerRoleQuota",
      "PolicySizeQuota",
      "UserPolicySizeQuota",
      "GroupPolicySizeQuota",
      "RolePolicySizeQuota",
      "AssumeRolePolicySizeQuota",
      "PolicyVersionsInUseQuota",
    ];
    expect(expected.filter((key) => SummaryMap?.[key] === undefined)).toEqual([]);
    expect(SummaryMap).toMatchObject({ AttachedPoliciesPerRoleQuota: 10, PolicySizeQuota: 6144, UserPolicySizeQuota: 2048, GroupPolicySizeQuota: 5120, RolePolicySizeQuota: 10240 });
  });
});
