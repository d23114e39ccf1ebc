import { describe, expect, it } from "vitest";
import { bestPracticeChecklist } from "@/app/(console)/dashboard/checklist";
import type { AccountSummary } from "@/lib/iam/account/summary";

// DESIGN.md, "Root user and IAM users": the dashboard turns AWS's guidance into a live checklist.
const empty = {
  AdministratorUsers: 0,
  AccountMFAEnabled: 0,
  UsersWithConsoleAccess: 0,
  UsersWithDirectPolicies: 0,
  GroupsWithPolicies: 0,
  AccountAccessKeysPresent: 0,
  ConsoleUsersWithoutMFA: 0,
  AccessKeysOlderThan90Days: 0,
} as unknown as AccountSummary;

const done = (summary: Partial<AccountSummary>) =>
  Object.fromEntries(bestPracticeChecklist({ ...empty, ...summary }).map((item) => [item.id, item.done]));

describe("best-practice checklist", () => {
  it("starts with nothing done on a new account", () => {
    expect(done({})).toEqual({
      "admin-user": false,
      "root-mfa": false,
      "root-access-keys": true,
      "individual-users": false,
      "users-mfa": true,
      groups: false,
      "key-rotation": true,
    });
  });

  it("marks each practice done from the account's summary", () => {
    expect(done({ AdministratorUsers: 1, AccountMFAEnabled: 1, UsersWithConsoleAccess: 2, GroupsWithPolicies: 1 })).toEqual({
      "admin-user": true,
      "root-mfa": true,
      "root-access-keys": true,
      "individual-users": true,
      "users-mfa": true,
      groups: true,
      "key-rotation": true,
    });
  });

  it("flags root access keys, console users without MFA and access keys due for rotation", () => {
    const items = bestPracticeChecklist({ ...empty, UsersWithConsoleAccess: 3, AccountAccessKeysPresent: 1, ConsoleUsersWithoutMFA: 2, AccessKeysOlderThan90Days: 1 });
    const byId = Object.fromEntries(items.map((item) => [item.id, item]));
    expect(byId["root-access-keys"]).toMatchObject({ done: false, action: { href: "/me" } });
    expect(byId["users-mfa"]!.done).toBe(false);
    expect(byId["users-mfa"]!.detail).toContain("2 IAM users have a console password but no MFA device");
    expect(byId["key-rotation"]!.done).toBe(false);
    expect(byId["key-rotation"]!.detail).toContain("1 active access key is older than 90 days");
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
