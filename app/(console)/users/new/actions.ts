"use server";

import { revalidatePath } from "next/cache";
import { currentOrigin } from "@/lib/auth/request";
import { requireConsoleSession } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { CreateUserWithAccess } from "@/lib/iam/users/createUserWithAccess";
import type { CreateUserDraft } from "@/components/users/wizard/draft";
import type { CreateUserOutcome } from "@/components/users/wizard/outcome";
import { runMutation } from "../../_server/runMutation";
import { draftArgument } from "../../_server/actionArguments";

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/**
 * The wizard's "Create user": one CreateUserWithAccess call (user, console password, groups,
 * policies, tags; all or nothing). The one-time password comes back for the Retrieve password step.
 */
export async function createUserWithAccess(_previous: CreateUserOutcome, draft: CreateUserDraft): Promise<CreateUserOutcome> {
  const invalid = draftArgument(draft);
  if (invalid) return invalid;
  const { caller, accountAlias } = await requireConsoleSession();
  const custom = draft.passwordMode === "custom";
  let created: CreateUserOutcome["created"];
  const result = await runMutation(async () => {
    const output = await execute(
      CreateUserWithAccess,
      {
        UserName: String(draft.userName ?? ""),
        Path: String(draft.path ?? "") || "/",
        Tags: (Array.isArray(draft.tags) ? draft.tags : []).filter((tag) => tag.key !== "").map((tag) => ({ Key: String(tag.key), Value: String(tag.value ?? "") })),
        ConsoleAccess: draft.consoleAccess
          ? { Password: custom ? String(draft.customPassword ?? "") : undefined, PasswordResetRequired: Boolean(draft.requireReset) }
          : undefined,
        GroupNames: strings(draft.groupNames),
        PolicyArns: strings(draft.policyArns),
      },
      caller,
    );
    created = {
      userName: output.User.UserName,
      consoleAccess: Boolean(draft.consoleAccess),
      signInUrl: `${await currentOrigin()}/signin?account=${encodeURIComponent(accountAlias ?? caller.accountId ?? "")}`,
      // A typed password is the administrator's to hand over; only a generated one is shown here.
      password: output.GeneratedPassword ?? (draft.consoleAccess && custom ? String(draft.customPassword) : undefined),
      passwordResetRequired: output.PasswordResetRequired,
    };
    return output;
  }, (output) => ({ kind: "user-created", subject: output.User.UserName }));
  if (result.error) return result;
  revalidatePath("/users");
  return { created };
}
