// GetAccountSummary's checklist counts about policies attached directly: a leftover
// IAMUserChangePassword (what password resets attached before the password policy's
// AllowUsersToChangePassword replaced it) is counted, and counted apart, so the dashboard can say
// it is safe to detach.

import { describe, expect, it } from "vitest";
import { GetAccountSummary } from "@/lib/iam/account/summary";
import { execute } from "@/lib/iam/core/operation";
import { createAccount, createUser, managed } from "./support/fixtures";

describe("GetAccountSummary: users with policies of their own", () => {
  it("counts users whose only policy of their own is IAMUserChangePassword apart from the others", async () => {
    const { accountId, root } = await createAccount();
    await createUser(accountId, "reset-before", { policies: [managed("IAMUserChangePassword")] });
    await createUser(accountId, "more-than-that", { policies: [managed("IAMUserChangePassword"), managed("IAMReadOnlyAccess")] });
    await createUser(accountId, "inline-too", {
      policies: [managed("IAMUserChangePassword")],
      inline: { Own: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }] } },
    });
    await createUser(accountId, "groups-only");
    const { SummaryMap } = await execute(GetAccountSummary, {}, root);
    expect(SummaryMap).toMatchObject({ Users: 4, UsersWithDirectPolicies: 3, UsersWithOnlyChangePasswordPolicy: 1 });
  });
});
