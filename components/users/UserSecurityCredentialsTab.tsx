import type { IamErrorView } from "@/lib/iam/core/errors";
import type { LoginProfileConsoleColumns, LoginProfileView } from "@/lib/iam/credentials/loginProfiles";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import type { FormAction } from "@/components/forms/actionState";
import { DateTime } from "@/components/console/DateTime";
import { Panel } from "@/components/console/Panel";
import { ConsoleAccessPanel } from "./ConsoleAccessPanel";
import { SignInLockoutPanel } from "./SignInLockoutPanel";
import type { ConsolePasswordState } from "./consolePasswordState";

type PasswordAction = (previous: ConsolePasswordState, form: FormData) => Promise<ConsolePasswordState>;

/** Console sign-in status and password management (MFA devices and access keys are their own sections beside it). */
export function UserSecurityCredentialsTab({
  loginProfile,
  setPassword,
  disable,
  unlock,
}: {
  loginProfile: { ok: true; value: { LoginProfile: LoginProfileView & { ConsoleColumns?: LoginProfileConsoleColumns } } } | { ok: false; error: IamErrorView };
  setPassword: PasswordAction;
  disable: PasswordAction;
  unlock: FormAction;
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
      {profile?.ConsoleColumns && <SignInLockoutPanel lockouts={profile.ConsoleColumns.SignIn} unlock={unlock} />}
      {!refused && <ConsoleAccessPanel enabled={Boolean(profile)} userMayChangePassword={profile?.ConsoleColumns?.UserMayChangePassword} setPassword={setPassword} disable={disable} />}
    </Panel>
  );
}
