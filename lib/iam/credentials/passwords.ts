// An IAM user changes their own console password: ChangePassword (iam:ChangePassword on their own
// user ARN, or the password policy's AllowUsersToChangePassword). Under HardExpiry an expired
// password can only be reset by an administrator.

import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import { MAX_PASSWORD_LENGTH, verifyPassword } from "@/lib/auth/password";
import { passwordExpiry } from "@/lib/auth/passwordExpiry";
import { endSessions } from "@/lib/auth/sessionGeneration";
import { INCORRECT_CURRENT_PASSWORD } from "@/lib/auth/throttle";
import type { Tx } from "@/lib/db/client";
import { UpdateAccountPasswordPolicy } from "../account/passwordPolicy";
import { passwordPolicyGrants } from "../account/passwordPolicyGrants";
import { policyAllowingSelfService } from "../account/selfServicePasswordChange";
import { authorize } from "../core/authorize";
import { IamError } from "../core/errors";
import { operation, type Steps } from "../core/operation";
import { loadUserPolicySet } from "../core/policySet";
import { AttachUserPolicy } from "../policies/attachments";
import { awsManagedPolicyArn } from "../policies/awsManaged";
import { hashNewPassword } from "./passwordHistory";
import { enforcePasswordPolicy } from "./passwordRules";

const ChangePasswordInput = z.object({
  OldPassword: z.string({ error: "OldPassword is required" }).min(1, "enter your current password").max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
  NewPassword: z.string({ error: "NewPassword is required" }).min(1, "enter a new password").max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** What an IAM user whose password expired under HardExpiry is told, here and on the change-password page. */
export const HARD_EXPIRY_MESSAGE =
  "Your password has expired, and this account's password policy lets only an administrator reset an expired password. Contact your administrator.";

function requireIamUser(caller: Caller): { accountId: string; userId: string } {
  if (caller.kind !== "user" || !caller.userId || !caller.accountId) {
    // As AWS's InvalidUserType: ChangePassword is for IAM users; the root user's password is an account setting.
    throw new IamError("InvalidUserType", "ChangePassword changes an IAM user's own password; it cannot be called by the root user.");
  }
  return { accountId: caller.accountId, userId: caller.userId };
}

/**
 * An IAM user changes their own console password (iam:ChangePassword on their own user ARN, or the
 * password policy's AllowUsersToChangePassword).
 */
export const ChangePassword = operation({
  name: "ChangePassword",
  action: "iam:ChangePassword",
  input: ChangePasswordInput,
  resource: ({ caller }) => caller.arn,
  builtInPolicies: passwordPolicyGrants,
  checksAuthenticator: () => true,
  run: async ({ tx, input, caller }) => {
    const { accountId, userId } = requireIamUser(caller);
    const profile = await tx.loginProfile.findUnique({ where: { userId } });
    if (!profile) {
      throw new IamError("NoSuchEntity", `The user with name ${caller.userName} has no console password; ask an administrator to create one.`);
    }
    const policy = await tx.passwordPolicy.findUnique({ where: { accountId }, select: { maxPasswordAge: true, hardExpiry: true } });
    if (passwordExpiry(profile.passwordChangedAt, policy) === "expired-administrator-reset") {
      throw new IamError("PasswordPolicyViolation", HARD_EXPIRY_MESSAGE);
    }
    // The current password is a credential check like sign-in: throttled with it (checksAuthenticator), and counted with it.
    if (!(await verifyPassword(profile.passwordHash, input.OldPassword))) {
      throw new IamError("InvalidInput", INCORRECT_CURRENT_PASSWORD);
    }
    if (input.NewPassword === input.OldPassword) {
      throw new IamError("PasswordPolicyViolation", "The new password must be different from the current password.");
    }
    await enforcePasswordPolicy(tx, accountId, input.NewPassword, userId);
    await tx.loginProfile.update({
      where: { userId },
      data: { passwordHash: await hashNewPassword(tx, userId, input.NewPassword), passwordResetRequired: false, passwordChangedAt: new Date() },
    });
    await endSessions(tx, { kind: "user", userId });
    return {};
  },
});

/** The AWS managed policy the console attaches so a user told to reset their password can do it. */
export const CHANGE_PASSWORD_POLICY_ARN = awsManagedPolicyArn("IAMUserChangePassword");

type UserRow = { id: string; accountId: string; arn: string; name: string };

/**
 * Whether the engine would let this user change their own password, as if they asked right after
 * signing in: their own policies and groups', their boundary, and the password policy's
 * AllowUsersToChangePassword. A simulation about the user, not a decision for the caller.
 */
export async function mayChangeOwnPassword(tx: Tx, user: UserRow): Promise<boolean> {
  const asUser: Caller = { kind: "user", accountId: user.accountId, arn: user.arn, userId: user.id, userName: user.name, mfaAuthenticated: false };
  const loaded = await loadUserPolicySet(tx, user.id);
  if (!loaded) return false;
  const grants = await passwordPolicyGrants({ tx, caller: asUser });
  const result = await authorize(tx, asUser, { action: "iam:ChangePassword", resource: user.arn }, grants, loaded);
  return result.decision === "Allow";
}

/**
 * What lets a user told to choose a new password do so: their own or their groups' policies already
 * did, the account password policy's AllowUsersToChangePassword (turned on for them), or
 * IAMUserChangePassword attached to them.
 */
export type ChangePasswordGrant = "AlreadyAllowed" | "AccountPasswordPolicy" | "IAMUserChangePassword";

/**
 * For a user who must choose a new password at next sign-in, as AWS advises: unless the engine already
 * lets them, turn on the account password policy's AllowUsersToChangePassword (every other rule kept),
 * so no policy is attached to the user directly, against the console's own advice to grant through
 * groups. A caller who may not change the password policy (that denial is audited) attaches
 * IAMUserChangePassword instead, as before. Each change is a step of the caller's workflow.
 */
export async function letUserChangeOwnPassword(tx: Tx, user: UserRow, steps: Steps): Promise<ChangePasswordGrant> {
  if (await mayChangeOwnPassword(tx, user)) return "AlreadyAllowed";
  const policy = await tx.passwordPolicy.findUnique({ where: { accountId: user.accountId }, select: { allowUsersToChangePassword: true } });
  // Already on, yet not enough (a boundary or a Deny): only a policy of their own is left to try.
  if (!policy?.allowUsersToChangePassword) {
    const turnedOn = await steps.runIfAllowed(UpdateAccountPasswordPolicy, await policyAllowingSelfService(tx, user.accountId));
    if (turnedOn.allowed) return "AccountPasswordPolicy";
  }
  await steps.run(AttachUserPolicy, { UserName: user.name, PolicyArn: CHANGE_PASSWORD_POLICY_ARN });
  return "IAMUserChangePassword";
}
