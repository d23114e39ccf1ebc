import { describe, expect, it } from "vitest";
import { bestPracticeChecklist, type ChecklistItem } from "@/app/(console)/dashboard/checklist";
import { dashboardAudience } from "@/app/(console)/dashboard/audience";
import { mfaAdvice, nameList, type MfaEnrollmentState } from "@/app/(console)/dashboard/mfaAdvice";
import { ALLOWED, type ControlPermission } from "@/components/permissions/controlPermission";
import type { AccountSummary } from "@/lib/iam/account/summary";

// DESIGN.md, "Root user and IAM users": the dashboard turns AWS's guidance into a live checklist.
const empty = {
  Users: 0,
  AdministratorUsers: 0,
  AccountMFAEnabled: 0,
  UsersWithConsoleAccess: 0,
  UsersWithDirectPolicies: 0,
  UsersWithOnlyChangePasswordPolicy: 0,
  GroupsWithPolicies: 0,
  AccountAccessKeysPresent: 0,
  ConsoleUsersWithoutMFA: 0,
  AccessKeysOlderThan90Days: 0,
} as unknown as AccountSummary;

const byId = (items: ChecklistItem[]) => Object.fromEntries(items.map((item) => [item.id, item]));
const statuses = (summary: Partial<AccountSummary>) => Object.fromEntries(bestPracticeChecklist({ ...empty, ...summary }).map((item) => [item.id, item.status]));

const withoutMfa = (users: MfaEnrollmentState["Users"], total = users.length): MfaEnrollmentState => ({ Users: users, TotalCount: total, IsTruncated: total > users.length });

describe("best-practice checklist", () => {
  it("starts with nothing done on a new account, and MFA for IAM users is not applicable yet", () => {
    expect(statuses({})).toEqual({
      "admin-user": "not-done",
      "root-mfa": "not-done",
      "root-access-keys": "done",
      "individual-users": "not-done",
      "users-mfa": "not-applicable",
      groups: "not-done",
      "key-rotation": "done",
    });
    expect(byId(bestPracticeChecklist(empty))["users-mfa"]).toMatchObject({ statusLabel: "No IAM users yet" });
  });

  it("marks each practice done from the account's summary", () => {
    expect(statuses({ Users: 2, AdministratorUsers: 1, AccountMFAEnabled: 1, UsersWithConsoleAccess: 2, GroupsWithPolicies: 1 })).toEqual({
      "admin-user": "done",
      "root-mfa": "done",
      "root-access-keys": "done",
      "individual-users": "done",
      "users-mfa": "done",
      groups: "done",
      "key-rotation": "done",
    });
  });

  it("flags root access keys, console users without MFA and access keys due for rotation, in agreeing numbers", () => {
    const items = byId(bestPracticeChecklist({ ...empty, Users: 3, UsersWithConsoleAccess: 3, AccountAccessKeysPresent: 1, ConsoleUsersWithoutMFA: 2, AccessKeysOlderThan90Days: 1 }));
    expect(items["root-access-keys"]).toMatchObject({ status: "not-done", action: { href: "/me" } });
    expect(items["users-mfa"]!.status).toBe("not-done");
    expect(items["users-mfa"]!.detail).toContain("2 IAM users have a console password but no MFA device");
    expect(items["users-mfa"]!.action).toEqual({ href: "/users?console=enabled&mfa=without", label: "Show users without MFA" });
    expect(items["key-rotation"]!.detail).toContain("1 active access key is older than 90 days");
  });

  it("wants one IAM user per person: a single console user is not enough", () => {
    expect(statuses({ Users: 1, UsersWithConsoleAccess: 1 })["individual-users"]).toBe("not-done");
  });

  it("tells an administrator to ask the account owner about the root user's credentials", () => {
    const items = byId(bestPracticeChecklist(empty, { audience: "administrator" }));
    expect(items["root-mfa"]!.detail).toContain("Only the root user can do this");
    expect(items["root-mfa"]!.action).toBeUndefined();
  });

  describe("users without MFA", () => {
    const summary = { ...empty, Users: 3, UsersWithConsoleAccess: 3, ConsoleUsersWithoutMFA: 3 };

    it("offers to attach ForceMFA-ManageOwnCredentials to the group of users who cannot enroll, and does not tell them to enroll", () => {
      const state = withoutMfa([
        { UserName: "bob", Groups: ["Developers"], CanEnrollOwnMFA: false },
        { UserName: "carol", Groups: ["Developers", "Testers"], CanEnrollOwnMFA: false },
      ]);
      const item = byId(bestPracticeChecklist({ ...summary, ConsoleUsersWithoutMFA: 2 }, { mfaEnrollment: state }))["users-mfa"]!;
      expect(item.fixes).toEqual([{ groupName: "Developers", userNames: ["bob", "carol"] }]);
      expect(item.detail).toContain("bob and carol cannot enroll one themselves");
      expect(item.detail).toContain("Attach ForceMFA-ManageOwnCredentials to their group");
      expect(item.detail).not.toMatch(/ask them to/i);
    });

    it("tells the administrator to ask only the users whose policies let them enroll", () => {
      const state = withoutMfa([
        { UserName: "dana", Groups: ["SelfService"], CanEnrollOwnMFA: true },
        { UserName: "erin", Groups: [], CanEnrollOwnMFA: false },
      ]);
      const item = byId(bestPracticeChecklist({ ...summary, ConsoleUsersWithoutMFA: 2 }, { mfaEnrollment: state }))["users-mfa"]!;
      expect(item.detail).toContain("dana may enroll one: ask them to assign an MFA device on My security credentials");
      expect(item.detail).toContain("erin is in no group offered here");
      expect(item.fixes).toBeUndefined();
    });

    it("says so when whether they can enroll could not be checked", () => {
      const item = byId(bestPracticeChecklist(summary))["users-mfa"]!;
      expect(item.detail).toContain("could not be checked");
      expect(item.fixes).toBeUndefined();
    });
  });

  it("covers the most users with the fewest groups, at most three buttons, and names the rest", () => {
    const advice = mfaAdvice(
      withoutMfa(
        [
          ...["a", "b", "c"].map((n) => ({ UserName: n, Groups: ["Big"], CanEnrollOwnMFA: false })),
          { UserName: "d", Groups: ["Big", "Small"], CanEnrollOwnMFA: false },
          { UserName: "e", Groups: ["Two"], CanEnrollOwnMFA: false },
          { UserName: "f", Groups: ["Three"], CanEnrollOwnMFA: false },
          { UserName: "g", Groups: ["Four"], CanEnrollOwnMFA: false },
          { UserName: "h", Groups: ["SelfService"], CanEnrollOwnMFA: true },
        ],
        30,
      ),
    );
    expect(advice.fixes.map((f) => f.groupName)).toEqual(["Big", "Four", "Three"]);
    expect(advice.fixes[0]!.userNames).toEqual(["a", "b", "c", "d"]);
    expect(advice.withoutFix).toEqual(["e"]);
    expect(advice.canEnroll).toEqual(["h"]);
    expect(advice.unchecked).toBe(22);
    expect(nameList(["a", "b", "c"])).toBe("a, b and c");
  });

  describe("least privilege through groups and the password reset", () => {
    it("flags users with policies of their own even when groups have policies", () => {
      const groups = byId(bestPracticeChecklist({ ...empty, Users: 2, GroupsWithPolicies: 3, UsersWithDirectPolicies: 2 })).groups!;
      expect(groups.status).toBe("not-done");
      expect(groups.detail).toContain("2 users have policies attached directly");
      expect(groups.detail).not.toContain("IAMUserChangePassword");
    });

    it("counts a leftover IAMUserChangePassword and says the password policy makes it unnecessary", () => {
      const groups = byId(bestPracticeChecklist({ ...empty, Users: 1, GroupsWithPolicies: 1, UsersWithDirectPolicies: 1, UsersWithOnlyChangePasswordPolicy: 1 })).groups!;
      expect(groups.status).toBe("not-done");
      expect(groups.detail).toContain("1 user has policies attached directly");
      expect(groups.detail).toContain('Its only policy is IAMUserChangePassword, which the account password policy\'s "Allow users to change their own password" makes unnecessary: detach it.');
    });
  });
});

describe("which dashboard a principal sees", () => {
  const denied: ControlPermission = { state: "denied", reason: "no" };
  const depends: ControlPermission = { state: "depends", note: "only under /interns/" };

  it("is decided by the engine's answers, not by names", () => {
    expect(dashboardAudience("root", { summary: denied, createUser: denied })).toBe("root");
    expect(dashboardAudience("user", { summary: ALLOWED, createUser: ALLOWED })).toBe("administrator");
    expect(dashboardAudience("user", { summary: ALLOWED, createUser: depends })).toBe("administrator");
    // IAMReadOnlyAccess reads the summary but creates nobody: an employee.
    expect(dashboardAudience("user", { summary: ALLOWED, createUser: denied })).toBe("employee");
    expect(dashboardAudience("user", { summary: denied, createUser: ALLOWED })).toBe("employee");
  });
});
