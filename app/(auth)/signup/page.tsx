import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/AuthCard";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { signUpOpen } from "@/lib/iam/account/signup";
import { createAccountAction } from "./actions";

export const metadata: Metadata = { title: "Create an account · Portcullis" };
// Whether sign-up is open depends on the database (first-account closes it after the first one).
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (!(await signUpOpen())) {
    return (
      <AuthCard title="Sign-up is closed" description="This Portcullis server does not create new accounts.">
        <div className="flex flex-col gap-3 text-sm text-slate-700" data-testid="signup-closed">
          <p>If you have an account here, sign in. If you need one, ask the administrator of this server for an IAM user in their account.</p>
          <Link href="/signin" className={buttonStyles.primary}>
            Sign in
          </Link>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Create a Portcullis account"
      description="You become the account's root user, with complete access. Use it to create an administrative IAM user, then sign in as that user for everyday work."
    >
      <SignUpForm createAccount={createAccountAction} />
    </AuthCard>
  );
}
