import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/AuthCard";
import { MfaCodeForm } from "@/components/auth/MfaCodeForm";
import { SignInForm, type SignInError } from "@/components/auth/SignInForm";
import { SIGN_IN_THROTTLED } from "@/lib/auth/options";
import { getPendingMfaSignIn } from "@/lib/auth/session";
import { signUpOpen } from "@/lib/iam/account/signup";

export const metadata: Metadata = { title: "Sign in · Portcullis" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** next-auth's ?error=: "Throttled" when the throttle refused (SIGN_IN_THROTTLED), any other the one generic message. */
const signInError = (error: string | undefined): SignInError | undefined => (error ? (error === SIGN_IN_THROTTLED ? "throttled" : "incorrect") : undefined);

// /signin?account=123456789012 (or ?account=alias) is the IAM-user sign-in URL the dashboard hands
// out: it opens on "IAM user" with the account filled in (ahead of what this device remembers).
// ?error= comes from next-auth's own redirects (a sign-in posted without JavaScript).
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
      <SignInForm initialKind={account ? "iam-user" : "root"} initialAccount={account} initialError={signInError(first(params.error))} signUpOpen={await signUpOpen()} />
    </AuthCard>
  );
}
