"use client";

// AWS's "Edit password policy" form: minimum length, character classes, expiry (with the
// administrator-reset option), self-service password change and reuse prevention, each with the
// range AWS allows. Optional numbers appear only when their checkbox is ticked, as in AWS's console.

import { useState } from "react";
import type { PasswordPolicyView } from "@/lib/iam/account/passwordPolicy";
import { Checkbox } from "@/components/forms/Checkbox";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { TextField } from "@/components/forms/TextField";
import type { ActionState, FormAction } from "@/components/forms/actionState";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { useFormAction } from "@/components/forms/useFormAction";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";

/** What the form starts from without a policy: AWS console's suggestions (8 characters, self-service on). */
const SUGGESTED: PasswordPolicyView = {
  MinimumPasswordLength: 8,
  RequireSymbols: false,
  RequireNumbers: false,
  RequireUppercaseCharacters: false,
  RequireLowercaseCharacters: false,
  AllowUsersToChangePassword: true,
  ExpirePasswords: false,
};

function Fieldset({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-semibold text-slate-900">{legend}</legend>
      {children}
    </fieldset>
  );
}

export function PasswordPolicyForm({
  current,
  save,
  permission,
}: {
  current?: PasswordPolicyView;
  save: FormAction;
  /** What the engine said about UpdateAccountPasswordPolicy: denied keeps Save off, with the reason. */
  permission?: ControlPermission;
}) {
  const note = usePermissionNote(permission);
  const start = current ?? SUGGESTED;
  const [state, formProps, pending] = useFormAction<ActionState>(save, {});
  const [expire, setExpire] = useState(Boolean(start.MaxPasswordAge));
  const [preventReuse, setPreventReuse] = useState(Boolean(start.PasswordReusePrevention));
  return (
    <form {...formProps} className="flex max-w-2xl flex-col gap-5" data-testid="password-policy-form">
      <TextField
        label="Password minimum length"
        name="MinimumPasswordLength"
        type="number"
        inputMode="numeric"
        min={6}
        max={128}
        required
        defaultValue={start.MinimumPasswordLength}
        description="Between 6 and 128 characters. NIST SP 800-63B recommends length over complexity: 12 or more is a good choice."
        testId="minimum-length"
      />
      <Fieldset legend="Password strength">
        <Checkbox name="RequireUppercaseCharacters" defaultChecked={start.RequireUppercaseCharacters} label="Require at least one uppercase letter from the Latin alphabet (A–Z)" />
        <Checkbox name="RequireLowercaseCharacters" defaultChecked={start.RequireLowercaseCharacters} label="Require at least one lowercase letter from the Latin alphabet (a–z)" />
        <Checkbox name="RequireNumbers" defaultChecked={start.RequireNumbers} label="Require at least one number (0–9)" />
        <Checkbox name="RequireSymbols" defaultChecked={start.RequireSymbols} label="Require at least one non-alphanumeric character ( ! @ # $ % ^ & * ( ) _ + - = [ ] { } | ' )" />
      </Fieldset>
      <Fieldset legend="Other requirements">
        <Checkbox
          name="ExpirePasswords"
          checked={expire}
          onChange={(event) => setExpire(event.target.checked)}
          label="Turn on password expiration"
          description="Users must choose a new password at their next sign-in once theirs is older than this."
          testId="expire-passwords"
        />
        {expire && (
          <div className="ml-6 flex flex-col gap-2">
            <TextField label="Expire passwords in (days)" name="MaxPasswordAge" type="number" inputMode="numeric" min={1} max={1095} required defaultValue={start.MaxPasswordAge ?? 90} description="Between 1 and 1,095 days." testId="max-password-age" />
            <Checkbox
              name="HardExpiry"
              defaultChecked={start.HardExpiry ?? false}
              label="Password expiration requires administrator reset"
              description="Once a password expires, its owner cannot choose a new one: an administrator must reset it before they can use the console again."
            />
          </div>
        )}
        <Checkbox
          name="AllowUsersToChangePassword"
          defaultChecked={start.AllowUsersToChangePassword}
          label="Allow users to change their own password"
          description="Every IAM user may change their own password, even without a policy allowing iam:ChangePassword. An explicit Deny in their policies still applies."
          testId="allow-change"
        />
        <Checkbox
          name="PreventReuse"
          checked={preventReuse}
          onChange={(event) => setPreventReuse(event.target.checked)}
          label="Prevent password reuse"
          description="Users cannot choose one of their recent passwords again."
          testId="prevent-reuse"
        />
        {preventReuse && (
          <div className="ml-6">
            <TextField label="Remember this many passwords" name="PasswordReusePrevention" type="number" inputMode="numeric" min={1} max={24} required defaultValue={start.PasswordReusePrevention ?? 5} description="Between 1 and 24." testId="reuse-prevention" />
          </div>
        )}
      </Fieldset>
      <div>
        <button type="submit" className={buttonStyles.primary} disabled={pending || note.denied} aria-describedby={note.describedBy} data-testid="save-password-policy">
          {pending ? "Saving…" : "Save changes"}
        </button>
        {note.note("mt-1")}
      </div>
      <ErrorRegion error={state.error} testId="password-policy-error" />
    </form>
  );
}
