import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { ChangePasswordForm } from "@/components/auth/ChangePasswordForm";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { SignOutButton } from "@/components/shell/SignOutButton";
import { requireConsoleSession } from "@/lib/auth/session";
import { HARD_EXPIRY_MESSAGE } from "@/lib/iam/credentials/passwords";
import { loadPasswordRules } from "../../(console)/_server/passwordRules";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password · Portcullis" };

// The one console page an IAM user with a pending password reset may open (every other page sends
// them here), so it sits outside the console shell and offers a way out: signing out.
export default async function ChangePasswordPage() {
  const { caller, accountAlias, passwordResetRequired, passwordExpiry } = await requireConsoleSession({ allowPendingPasswordReset: true });
  // ChangePassword is an IAM user's operation; the root user has nothing to do here.
  if (caller.kind !== "user") redirect("/dashboard");
  const passwordRules = await loadPasswordRules(caller);
  const reason =
    passwordExpiry === "expired"
      ? "Your password has expired under this account's password policy. Choose a new one to continue. "
      : passwordResetRequired
        ? "Your administrator requires you to choose a new password before you continue. "
        : null;
  return (
    <AuthCard
      title={passwordExpiry === "expired-administrator-reset" ? "Password expired" : passwordResetRequired ? "Set a new password" : "Change your password"}
      description={
        <>
          {passwordExpiry === "expired-administrator-reset" ? null : reason}
          Signed in as IAM user <strong className="font-semibold">{caller.userName}</strong> in account{" "}
          <span className="font-mono">{accountAlias ?? caller.accountId}</span>.
        </>
      }
    >
      {passwordExpiry === "expired-administrator-reset" ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="password-hard-expired">
          {HARD_EXPIRY_MESSAGE}
        </p>
      ) : (
        <ChangePasswordForm changePassword={changePasswordAction} passwordRules={passwordRules} />
      )}
      <div className="mt-4 flex items-center justify-between border-t border-slate-200 pt-4 text-sm">
        {passwordResetRequired ? (
          <span className="text-slate-600">Not you?</span>
        ) : (
          <Link href="/dashboard" className={buttonStyles.link}>
            Back to the console
          </Link>
        )}
        <SignOutButton />
      </div>
    </AuthCard>
  );
}
