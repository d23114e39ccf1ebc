import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { ChangePasswordForm } from "@/components/auth/ChangePasswordForm";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { SignOutButton } from "@/components/shell/SignOutButton";
import { requireConsoleSession } from "@/lib/auth/session";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password · Portcullis" };

// The one console page an IAM user with a pending password reset may open (every other page sends
// them here), so it sits outside the console shell and offers a way out: signing out.
export default async function ChangePasswordPage() {
  const { caller, accountAlias, passwordResetRequired } = await requireConsoleSession({ allowPendingPasswordReset: true });
  // ChangePassword is an IAM user's operation; the root user has nothing to do here.
  if (caller.kind !== "user") redirect("/dashboard");
  return (
    <AuthCard
      title={passwordResetRequired ? "Set a new password" : "Change your password"}
      description={
        <>
          {passwordResetRequired ? "Your administrator requires you to choose a new password before you continue. " : null}
          Signed in as IAM user <strong className="font-semibold">{caller.userName}</strong> in account{" "}
          <span className="font-mono">{accountAlias ?? caller.accountId}</span>.
        </>
      }
    >
      <ChangePasswordForm changePassword={changePasswordAction} />
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
