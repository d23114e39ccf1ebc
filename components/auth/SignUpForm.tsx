"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { startTransition, useActionState } from "react";
import { TextField } from "@/components/forms/TextField";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { IamErrorView } from "@/lib/iam/core/errors";

export interface SignUpResult {
  readonly error?: IamErrorView;
  readonly created?: { readonly accountId: string; readonly email: string };
}

type SignUpAction = (previous: SignUpResult, form: FormData) => Promise<SignUpResult>;

type State = SignUpResult & { readonly signInFailed?: boolean };

/**
 * Creates the account through the server action, then signs the new root user in from the browser
 * with the password just typed (next-auth's credentials sign-in runs client-side), so the password
 * never travels back from the server.
 */
export function SignUpForm({ createAccount }: { createAccount: SignUpAction }) {
  const router = useRouter();
  const [state, dispatch, pending] = useActionState<State, FormData>(async (previous, form) => {
    const result = await createAccount(previous, form);
    if (!result.created) return result;
    const signedIn = await signIn<"credentials">("root", { email: result.created.email, password: String(form.get("Password") ?? ""), redirect: false });
    if (!signedIn?.ok || signedIn.error) return { ...result, signInFailed: true };
    router.replace("/dashboard");
    router.refresh();
    return result;
  }, {});

  if (state.created && state.signInFailed) {
    return (
      <div role="status" aria-live="polite" className="flex flex-col gap-3 text-sm" data-testid="signup-created">
        <p>
          Account <span className="font-mono">{state.created.accountId}</span> was created, but signing in did not complete.
        </p>
        <Link href="/signin" className={buttonStyles.primary}>
          Sign in as the root user
        </Link>
      </div>
    );
  }

  // Submitted through onSubmit rather than <form action>: React resets a form after its action, and
  // a refused sign-up should keep what was typed.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" data-testid="signup-form">
      <TextField label="Account name" name="AccountName" required maxLength={50} autoComplete="organization" description="A name for the account, such as your company or team. You can use up to 50 characters." testId="signup-account-name" />
      <TextField label="Root user email address" name="Email" type="email" required maxLength={64} autoComplete="email" description="The root user signs in with this address." testId="signup-email" />
      <TextField
        label="Root user password"
        name="Password"
        type="password"
        required
        maxLength={128}
        autoComplete="new-password"
        description="At least 8 characters, mixing at least three of: uppercase letters, lowercase letters, numbers, symbols."
        testId="signup-password"
      />
      <TextField label="Confirm root user password" name="ConfirmPassword" type="password" required maxLength={128} autoComplete="new-password" testId="signup-confirm" />
      <ErrorRegion error={state.error} testId="signup-error" />
      <button type="submit" className={buttonStyles.primary} disabled={pending || Boolean(state.created)} data-testid="signup-submit">
        {pending || state.created ? "Creating account…" : "Create account"}
      </button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/signin" className={`${buttonStyles.link} underline`}>
          Sign in
        </Link>
      </p>
    </form>
  );
}
