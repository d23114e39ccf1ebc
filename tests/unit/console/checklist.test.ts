import { describe, expect, it } from "vitest";
import { bestPracticeChecklist } from "@/app/(console)/dashboard/checklist";
import type { AccountSummary } from "@/lib/iam/accounts";

// DESIGN.md, "Root user and IAM users": the dashboard turns AWS's guidance into a live checklist.
const empty = {
  AdministratorUsers: 0,
  AccountMFAEnabled: 0,
  UsersWithConsoleAccess: 0,
  UsersWithDirectPolicies: 0,
  GroupsWithPolicies: 0,
} as unknown as AccountSummary;

const done = (summary: Partial<AccountSummary>) =>
  Object.fromEntries(bestPracticeChecklist({ ...empty, ...summary }).map((item) => [item.id, item.done]));

describe("best-practice checklist", () => {
  it("starts with nothing done on a new account", () => {
    expect(done({})).toEqual({ "admin-user": false, "root-mfa": false, "individual-users": false, groups: false });
  });

  it("marks each practice done from the account's summary", () => {
    expect(done({ AdministratorUsers: 1, AccountMFAEnabled: 1, UsersWithConsoleAccess: 2, GroupsWithPolicies: 1 })).toEqual({
      "admin-user": true,
      "root-mfa": true,
      "individual-users": true,
      groups: true,
    });
  });

  it("wants one IAM user per person: a single console user is not enough", () => {
    expect(done({ UsersWithConsoleAccess: 1 })["individual-users"]).toBe(false);
  });

  it("flags users with policies of their own even when groups have policies", () => {
    const items = bestPracticeChecklist({ ...empty, GroupsWithPolicies: 3, UsersWithDirectPolicies: 2 });
    const groups = items.find((i) => i.id === "groups")!;
    expect(groups.done).toBe(false);
    expect(groups.detail).toContain("2 users have policies attached directly");
  });
});
