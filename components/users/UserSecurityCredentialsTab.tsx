import type { IamErrorView } from "@/lib/iam/core/errors";
import type { LoginProfileConsoleColumns, LoginProfileView } from "@/lib/iam/credentials/loginProfiles";
import type { PasswordRules } from "@/lib/iam/core/passwordRules";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import type { FormAction } from "@/components/forms/actionState";
import { DateTime } from "@/components/console/DateTime";
import { Panel } from "@/components/console/Panel";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { ConsoleAccessPanel } from "./ConsoleAccessPanel";
import { SignInLockoutPanel } from "./SignInLockoutPanel";
import type { ConsolePasswordState } from "./consolePasswordState";

type PasswordAction = (previous: ConsolePasswordState, form: FormData) => Promise<ConsolePasswordState>;

/** Console sign-in status and password management (MFA devices and access keys are their own sections beside it). */
export function UserSecurityCredentialsTab({
  loginProfile,
  passwordRules,
  setPassword,
  disable,
  unlock,
  permissions = {},
}: {
  loginProfile: { ok: true; value: { LoginProfile: LoginProfileView & { ConsoleColumns?: LoginProfileConsoleColumns } } } | { ok: false; error: IamErrorView };
  /** The account's password rules, for a custom password; undefined when the caller may not read them. */
  passwordRules?: PasswordRules;
  setPassword: PasswordAction;
  disable: PasswordAction;
  unlock: FormAction;
  /** What the engine said about each console-access button (pagePermissions). */
  permissions?: { readonly setPassword?: ControlPermission; readonly disable?: ControlPermission; readonly unlock?: ControlPermission };
}) {
  const refused = !loginProfile.ok && loginProfile.error.code !== "NoSuchEntity";
  const profile = loginProfile.ok ? loginProfile.value.LoginProfile : undefined;
  return (
    <Panel title="Console sign-in" description="Whether this user can sign in to the console with a password." testId="user-security-credentials">
      {refused && !loginProfile.ok ? (
        <ErrorPanel error={loginProfile.error} />
      ) : (
        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-xs font-medium text-slate-500">Console password</dt>
            <dd data-testid="console-password-status">{profile ? "Enabled" : "Disabled"}</dd>
          </div>
          {profile && (
            <>
              <div>
                <dt className="text-xs font-medium text-slate-500">Password set</dt>
                <dd>
                  <DateTime value={profile.CreateDate} />
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium text-slate-500">New password required at next sign-in</dt>
                <dd>{profile.PasswordResetRequired ? "Yes" : "No"}</dd>
              </div>
            </>
          )}
        </dl>
      )}
      {profile?.ConsoleColumns && <SignInLockoutPanel lockouts={profile.ConsoleColumns.SignIn} unlock={unlock} permission={permissions.unlock} />}
      {!refused && (
        <ConsoleAccessPanel
          enabled={Boolean(profile)} userMayChangePassword={profile?.ConsoleColumns?.UserMayChangePassword}
          passwordRules={passwordRules}
          setPassword={setPassword}
          disable={disable}
          permissions={permissions}
        />
      )}
    </Panel>
  );
}
