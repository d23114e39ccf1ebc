"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { generatePassword } from "@/lib/auth/password";
import { requireConsoleSession } from "@/lib/auth/session";
import type { Caller } from "@/lib/auth/caller";
import { isIamError, toErrorView, type IamError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { AddUserToGroup } from "@/lib/iam/groups/membership";
import { CreateLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { AttachUserPolicy } from "@/lib/iam/policies/attachments";
import { CreateUser } from "@/lib/iam/users/users";
import { DeleteUser } from "@/lib/iam/users/deletion";
import { CHANGE_PASSWORD_POLICY_ARN, type CreateUserDraft } from "@/components/users/wizard/draft";
import type { CreateUserOutcome } from "@/components/users/wizard/outcome";

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** The console sign-in URL AWS hands out with a new user: this server, with the account's alias or ID. */
async function signInUrl(account: string): Promise<string> {
  const request = await headers();
  const host = request.get("x-forwarded-host") ?? request.get("host") ?? "localhost";
  const proto = request.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}/signin?account=${encodeURIComponent(account)}`;
}

/** Runs one step, turning its IAM error into a value so the wizard can report which step failed. */
async function step(run: () => Promise<unknown>): Promise<IamError | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (isIamError(error)) return error;
    throw error;
  }
}

/**
 * The wizard's "Create user", as the AWS console runs it: CreateUser, CreateLoginProfile, then
 * AddUserToGroup and AttachUserPolicy for each choice, in that order. Every call goes through the
 * policy engine and the audit log separately, exactly as if made one by one.
 */
export async function createUserWithAccess(_previous: CreateUserOutcome, draft: CreateUserDraft): Promise<CreateUserOutcome> {
  const session = await requireConsoleSession();
  const caller: Caller = session.caller;
  const UserName = String(draft.userName ?? "");
  const Tags = (Array.isArray(draft.tags) ? draft.tags : [])
    .filter((tag) => tag.key !== "")
    .map((tag) => ({ Key: String(tag.key), Value: String(tag.value ?? "") }));

  const created = await step(() => execute(CreateUser, { UserName, Path: draft.path || "/", Tags }, caller));
  if (created) return { error: toErrorView(created), failedStep: "CreateUser" };
  revalidatePath("/users");

  let password: string | undefined;
  const requireReset = Boolean(draft.consoleAccess && draft.requireReset);
  if (draft.consoleAccess) {
    password = draft.passwordMode === "custom" ? String(draft.customPassword ?? "") : generatePassword();
    const profileError = await step(() => execute(CreateLoginProfile, { UserName, Password: password, PasswordResetRequired: requireReset }, caller));
    if (profileError) {
      // A refused password (the password policy, usually) should be fixable in the wizard, so the
      // just-created user is removed again and the person can simply press Create user once more.
      const undone = !(await step(() => execute(DeleteUser, { UserName }, caller)));
      if (undone) return { error: toErrorView(profileError), failedStep: "CreateLoginProfile" };
      return {
        error: toErrorView(profileError),
        failedStep: "CreateLoginProfile",
        created: { userName: UserName, signInUrl: await signInUrl(session.accountAlias ?? caller.accountId ?? ""), passwordResetRequired: false },
      };
    }
  }

  const policyArns = new Set(strings(draft.policyArns));
  if (requireReset) policyArns.add(CHANGE_PASSWORD_POLICY_ARN);
  const grants: [string, () => Promise<unknown>][] = [
    ...strings(draft.groupNames).map((GroupName): [string, () => Promise<unknown>] => [
      `AddUserToGroup ${GroupName}`,
      () => execute(AddUserToGroup, { GroupName, UserName }, caller),
    ]),
    ...[...policyArns].map((PolicyArn): [string, () => Promise<unknown>] => [
      `AttachUserPolicy ${PolicyArn}`,
      () => execute(AttachUserPolicy, { UserName, PolicyArn }, caller),
    ]),
  ];
  const result: CreateUserOutcome = {
    created: {
      userName: UserName,
      signInUrl: await signInUrl(session.accountAlias ?? caller.accountId ?? ""),
      password,
      passwordResetRequired: requireReset,
    },
  };
  for (const [name, run] of grants) {
    const error = await step(run);
    if (error) return { ...result, error: toErrorView(error), failedStep: name };
  }
  return result;
}
