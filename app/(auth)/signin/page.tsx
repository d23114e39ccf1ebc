import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/AuthCard";
import { MfaCodeForm } from "@/components/auth/MfaCodeForm";
import { SignInForm } from "@/components/auth/SignInForm";
import { getPendingMfaSignIn } from "@/lib/auth/session";
import { signUpOpen } from "@/lib/iam/account/signup";

export const metadata: Metadata = { title: "Sign in · Portcullis" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// /signin?account=123456789012 (or ?account=alias) is the IAM-user sign-in URL the dashboard hands
// out: it opens on "IAM user" with the account filled in. ?error= comes from next-auth's own
// redirects (a sign-in posted without JavaScript); any error shows the one generic message.
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  // After a correct password, a principal with an MFA device is asked for a code here.
  const pendingMfa = await getPendingMfaSignIn();
  if (pendingMfa) {
    return (
      <AuthCard title="Multi-factor authentication" description="One more step to sign in.">
        <MfaCodeForm principalKind={pendingMfa.kind} />
      </AuthCard>
    );
  }
  const account = (first(params.account) ?? "").slice(0, 64);
  return (
    <AuthCard title="Sign in" description="Sign in to the Portcullis console.">
      <SignInForm initialKind={account ? "iam-user" : "root"} initialAccount={account} initialError={Boolean(first(params.error))} signUpOpen={await signUpOpen()} />
    </AuthCard>
  );
}
