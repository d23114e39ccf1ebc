// ListConsoleUsersWithoutMFA: who signs in without MFA, and whether the engine lets each of them
// enroll a device themselves (what decides the dashboard's advice: "ask them" or "attach a policy").

import { describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { FORCE_MFA_POLICY_NAME } from "@/lib/iam/policies/awsManaged";
import { ListConsoleUsersWithoutMFA, MAX_CHECKED_USERS } from "@/lib/iam/users/mfaEnrollment";
import { auditEvents, createAccount, createGroup, createUser, db, expectIamError, managed } from "./support/fixtures";

describe("ListConsoleUsersWithoutMFA", () => {
  it("lists console users without an enabled device and decides each one's self-enrollment with the engine", async () => {
    const { accountId, root } = await createAccount();
    const readers = await createGroup(accountId, "Readers", [managed("IAMReadOnlyAccess")]);
    const selfService = await createGroup(accountId, "SelfService", [managed(FORCE_MFA_POLICY_NAME)]);
    await createUser(accountId, "bob", { groupIds: [readers], policies: [managed("IAMUserChangePassword")], loginProfile: true });
    await createUser(accountId, "carol", { groupIds: [readers, selfService], loginProfile: true });
    // Allowed to create a device but not to enable it: cannot finish enrolling.
    await createUser(accountId, "dave", {
      loginProfile: true,
      inline: { Half: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:CreateVirtualMFADevice", Resource: "*" }] } },
    });
    // Not listed: no console password, or an enabled device.
    await createUser(accountId, "api-only", { groupIds: [readers] });
    const erin = await createUser(accountId, "erin", { groupIds: [readers], loginProfile: true });
    await db.mfaDevice.create({ data: { accountId, serialNumber: `arn:aws:iam::${accountId}:mfa/erin`, name: "erin", userId: erin.userId, secretCiphertext: "sealed", enabledAt: new Date() } });

    const out = await execute(ListConsoleUsersWithoutMFA, {}, root);
    expect(out).toEqual({
      Users: [
        { UserName: "bob", Groups: ["Readers"], CanEnrollOwnMFA: false },
        { UserName: "carol", Groups: ["Readers", "SelfService"], CanEnrollOwnMFA: true },
        { UserName: "dave", Groups: [], CanEnrollOwnMFA: false },
      ],
      TotalCount: 3,
      IsTruncated: false,
    });
    // One call, audited once per authorization it declares, however many users it decides.
    expect((await auditEvents(accountId)).filter((e) => e.action === "iam:SimulatePrincipalPolicy")).toHaveLength(1);
  });

  it(`decides at most ${MAX_CHECKED_USERS} users and counts the rest`, async () => {
    const { accountId, root } = await createAccount();
    for (let i = 0; i < MAX_CHECKED_USERS + 3; i++) await createUser(accountId, `user${String(i).padStart(2, "0")}`, { loginProfile: true });
    const out = await execute(ListConsoleUsersWithoutMFA, {}, root);
    expect(out.Users).toHaveLength(MAX_CHECKED_USERS);
    expect(out).toMatchObject({ TotalCount: MAX_CHECKED_USERS + 3, IsTruncated: true });
  });

  it("is refused to a user who may not simulate other users' policies", async () => {
    const { accountId } = await createAccount();
    const lister = await createUser(accountId, "lister", {
      inline: { List: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:ListUsers", "iam:GetLoginProfile", "iam:ListMFADevices", "iam:ListGroupsForUser"], Resource: "*" }] } },
    });
    await expectIamError(execute(ListConsoleUsersWithoutMFA, {}, lister), "AccessDenied", /iam:SimulatePrincipalPolicy/);
  });
});
