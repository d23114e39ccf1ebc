// aws:TokenIssueTime and aws:MultiFactorAuthAge count from the session's original sign-in (the
// caller's authTime, which a refresh never moves), so AWS's "revoke older sessions" policy
// (DateGreaterThan aws:TokenIssueTime) and "MFA within the last hour" (NumericLessThan
// aws:MultiFactorAuthAge) decide on the sign-in, not on the last request.

import { describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { callerContext } from "@/lib/iam/core/authorize";
import { AccessDeniedError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { GetAccountSummary } from "@/lib/iam/account/summary";
import { ListUsers } from "@/lib/iam/users/users";
import { createAccount, createUser } from "./support/fixtures";

const HOUR = 3_600_000;
const CUTOFF = "2026-06-01T12:00:00Z";

const POLICY = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: "iam:ListUsers", Resource: "*", Condition: { DateGreaterThan: { "aws:TokenIssueTime": CUTOFF } } },
    { Effect: "Allow", Action: "iam:GetAccountSummary", Resource: "*", Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } } },
  ],
};

const allowed = (promise: Promise<unknown>) =>
  promise.then(
    () => true,
    (error: unknown) => {
      if (error instanceof AccessDeniedError) return false;
      throw error;
    },
  );

describe("the session's age in the request context", () => {
  it("puts the original sign-in time in aws:TokenIssueTime, and no key without one", () => {
    const caller: Caller = { kind: "user", accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/ann", userId: "AIDAEXAMPLE", userName: "ann", mfaAuthenticated: true, authTime: new Date(CUTOFF) };
    const now = new Date(Date.parse(CUTOFF) + 90_000);
    expect(callerContext(caller, {}, now)).toMatchObject({ "aws:TokenIssueTime": "2026-06-01T12:00:00.000Z", "aws:MultiFactorAuthAge": "90" });
    expect(callerContext({ ...caller, authTime: undefined }, {}, now)).not.toHaveProperty("aws:TokenIssueTime");
  });

  it("lets DateGreaterThan aws:TokenIssueTime refuse sessions signed in before a cutoff", async () => {
    const acct = await createAccount();
    const ann = await createUser(acct.accountId, "ann", { inline: { Sessions: POLICY } });
    expect(await allowed(execute(ListUsers, {}, { ...ann, authTime: new Date(Date.parse(CUTOFF) - HOUR) }))).toBe(false);
    expect(await allowed(execute(ListUsers, {}, { ...ann, authTime: new Date(Date.parse(CUTOFF) + 60_000) }))).toBe(true);
  });

  it("lets NumericLessThan aws:MultiFactorAuthAge require an MFA sign-in within the hour", async () => {
    const acct = await createAccount();
    const ann = await createUser(acct.accountId, "ann", { inline: { Sessions: POLICY } });
    const signedIn = (ago: number, mfa: boolean) => ({ ...ann, mfaAuthenticated: mfa, authTime: new Date(Date.now() - ago) });
    expect(await allowed(execute(GetAccountSummary, {}, signedIn(30 * 60_000, true)))).toBe(true);
    expect(await allowed(execute(GetAccountSummary, {}, signedIn(2 * HOUR, true)))).toBe(false);
    expect(await allowed(execute(GetAccountSummary, {}, signedIn(60_000, false)))).toBe(false);
  });
});
