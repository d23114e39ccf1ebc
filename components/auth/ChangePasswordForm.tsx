"use client";

import { startTransition, useActionState, useId, useState } from "react";
import { TextField } from "@/components/forms/TextField";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { PasswordRulesChecklist } from "@/components/forms/PasswordRulesChecklist";
import type { PasswordRules } from "@/lib/iam/core/passwordRules";
import type { IamErrorView } from "@/lib/iam/core/errors";

export interface ChangePasswordState {
  readonly error?: IamErrorView;
}

type ChangePasswordAction = (previous: ChangePasswordState, form: FormData) => Promise<ChangePasswordState>;

/**
 * Current, new and confirmed password; on success the action continues to the dashboard. With the
 * account's password rules (undefined when the user may not read them), the new password's are
 * listed and ticked as it is typed.
 */
export function ChangePasswordForm({ changePassword, passwordRules }: { changePassword: ChangePasswordAction; passwordRules?: PasswordRules }) {
  const [state, dispatch, pending] = useActionState(changePassword, {});
  const [newPassword, setNewPassword] = useState("");
  const rulesId = useId();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    // A refused attempt clears the password fields rather than keeping passwords in the page.
    form.reset();
    setNewPassword("");
    startTransition(() => dispatch(data));
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" data-testid="change-password-form">
      <TextField label="Current password" name="OldPassword" type="password" required maxLength={128} autoComplete="current-password" testId="current-password" />
      <div className="flex flex-col gap-1">
        <TextField
          label="New password"
          name="NewPassword"
          type="password"
          required
          maxLength={128}
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          aria-describedby={passwordRules ? rulesId : undefined}
          description="It must follow your account's password policy and differ from the current one."
          testId="new-password"
        />
        {passwordRules && <PasswordRulesChecklist id={rulesId} rules={passwordRules} password={newPassword} />}
      </div>
      <TextField label="Confirm new password" name="ConfirmPassword" type="password" required maxLength={128} autoComplete="new-password" testId="confirm-password" />
      <ErrorRegion error={state.error} testId="change-password-error" />
      <button type="submit" className={buttonStyles.primary} disabled={pending} data-testid="change-password-submit">
        {pending ? "Changing password…" : "Change password"}
      </button>
    </form>
  );
}
