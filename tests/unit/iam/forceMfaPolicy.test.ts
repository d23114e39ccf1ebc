// AWS's "manage your own credentials, and MFA for everything else" policy, shipped as the built-in
// ForceMFA-ManageOwnCredentials, decided by the engine through the real operations.

import { describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { timeStepAt, totpCodeAt } from "@/lib/auth/totp";
import { FORCE_MFA_POLICY_NAME } from "@/lib/iam/policies/awsManaged";
import { authorize } from "@/lib/iam/core/authorize";
import { AccessDeniedError } from "@/lib/iam/core/errors";
import { CreateVirtualMFADevice, EnableMFADevice, ListMFADevices } from "@/lib/iam/credentials/mfa";
import { execute } from "@/lib/iam/core/operation";
import { ListUsers } from "@/lib/iam/users/users";
import { createAccount, createUser, db, expectIamError, managed } from "./support/fixtures";

const withMfa = (caller: Caller): Caller => ({ ...caller, mfaAuthenticated: true, authTime: new Date(Date.now() - 60_000) });

describe(FORCE_MFA_POLICY_NAME, () => {
  it("lets a new employee without MFA enroll a device and change their password, and nothing else", async () => {
    const acct = await createAccount();
    const newcomer = await createUser(acct.accountId, "newcomer", { policies: [managed(FORCE_MFA_POLICY_NAME), managed("IAMReadOnlyAccess")] });

    const { VirtualMFADevice } = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "newcomer" }, newcomer);
    const step = timeStepAt();
    await execute(
      EnableMFADevice,
      { SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: await totpCodeAt(VirtualMFADevice.Base32StringSeed, step - 1), AuthenticationCode2: await totpCodeAt(VirtualMFADevice.Base32StringSeed, step) },
      newcomer,
    );
    expect((await execute(ListMFADevices, {}, newcomer)).MFADevices).toHaveLength(1);
    expect((await authorize(db, newcomer, { action: "iam:ChangePassword", resource: newcomer.arn })).decision).toBe("Allow");

    // IAMReadOnlyAccess allows ListUsers, but the explicit Deny wins while the session has no MFA.
    const denied = await expectIamError(execute(ListUsers, {}, newcomer), "AccessDenied");
    expect((denied as AccessDeniedError).explanation.decidedBy).toEqual([
      expect.objectContaining({ policy: expect.stringContaining(FORCE_MFA_POLICY_NAME), statement: "DenyAllExceptListedIfNoMFA", effect: "Deny" }),
    ]);
    // With that policy alone, another user's MFA devices stay out of reach: it names only ${aws:username}.
    const solo = await createUser(acct.accountId, "solo", { policies: [managed(FORCE_MFA_POLICY_NAME)] });
    await expectIamError(execute(ListMFADevices, { UserName: "newcomer" }, solo), "AccessDenied");
    expect((await execute(ListMFADevices, {}, solo)).MFADevices).toEqual([]);
  });

  it("gets out of the way in an MFA session: the user's other policies decide", async () => {
    const acct = await createAccount();
    const reader = await createUser(acct.accountId, "reader", { policies: [managed(FORCE_MFA_POLICY_NAME), managed("IAMReadOnlyAccess")] });
    const listed = await execute(ListUsers, {}, withMfa(reader));
    expect(listed.Users.map((u) => u.UserName)).toEqual(["reader"]);
    // Still nothing the other policies do not grant.
    expect((await authorize(db, withMfa(reader), { action: "iam:CreateUser", resource: `arn:aws:iam::${acct.accountId}:user/new` })).decision).toBe("ImplicitDeny");
    // Deactivating one's own device is allowed with MFA (the policy's AllowManageOwnUserMFA).
    expect((await authorize(db, withMfa(reader), { action: "iam:DeactivateMFADevice", resource: reader.arn })).decision).toBe("Allow");
  });
});
