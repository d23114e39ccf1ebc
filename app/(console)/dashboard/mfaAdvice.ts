// What to tell an administrator about IAM users who sign in without MFA. "Ask them to enroll a
// device" is advice only for users whose policies let them; for the others the fix is a policy, and
// the dashboard offers it: attach ForceMFA-ManageOwnCredentials to the groups they are in, choosing
// the few groups that cover most of them.

import type { ConsoleUserWithoutMFA } from "@/lib/iam/users/mfaEnrollment";
import { FORCE_MFA_POLICY_NAME } from "@/lib/iam/policies/awsManaged";

export const SELF_SERVICE_POLICY = FORCE_MFA_POLICY_NAME;
/** At most this many "Attach … to group X" buttons; users beyond them are named in the text. */
export const MAX_SELF_SERVICE_FIXES = 3;

export interface MfaEnrollmentState {
  readonly Users: readonly ConsoleUserWithoutMFA[];
  readonly TotalCount: number;
  readonly IsTruncated: boolean;
}

/** Attach the self-service policy to this group: these users (without MFA, unable to enroll) are in it. */
export interface SelfServiceFix {
  readonly groupName: string;
  readonly userNames: readonly string[];
}

export interface MfaAdvice {
  /** Users whose policies let them enroll their own device: asking them is enough. */
  readonly canEnroll: readonly string[];
  /** Users who cannot, in the groups below. */
  readonly cannotEnroll: readonly string[];
  readonly fixes: readonly SelfServiceFix[];
  /** Users who cannot and are in no group (or in none of the groups offered). */
  readonly withoutFix: readonly string[];
  /** Users without MFA beyond the ones checked. */
  readonly unchecked: number;
}

export function mfaAdvice(state: MfaEnrollmentState): MfaAdvice {
  const stuck = state.Users.filter((user) => !user.CanEnrollOwnMFA);
  const uncovered = new Set(stuck.filter((user) => user.Groups.length > 0).map((user) => user.UserName));
  const fixes: SelfServiceFix[] = [];
  // Greedy set cover: each button fixes as many of the remaining users as one group can.
  while (uncovered.size > 0 && fixes.length < MAX_SELF_SERVICE_FIXES) {
    const members = new Map<string, string[]>();
    for (const user of stuck) {
      if (!uncovered.has(user.UserName)) continue;
      for (const group of user.Groups) members.set(group, [...(members.get(group) ?? []), user.UserName]);
    }
    const [groupName, userNames] = [...members.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
    fixes.push({ groupName, userNames });
    for (const name of userNames) uncovered.delete(name);
  }
  return {
    canEnroll: state.Users.filter((user) => user.CanEnrollOwnMFA).map((user) => user.UserName),
    cannotEnroll: stuck.map((user) => user.UserName),
    fixes,
    withoutFix: stuck.filter((user) => user.Groups.length === 0 || uncovered.has(user.UserName)).map((user) => user.UserName),
    unchecked: state.TotalCount - state.Users.length,
  };
}

/** "bob", "bob and carol", "bob, carol and dave". */
export function nameList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
