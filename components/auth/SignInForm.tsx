"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { getSession, signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { TextField } from "@/components/forms/TextField";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { FormMessage } from "./FormMessage";
import { forgetSignIn, readLastSignIn, rememberSignIn } from "./lastSignIn";

export type SignInKind = "root" | "iam-user";

type Outcome = { title: string; detail?: string } | undefined;

// Whatever was wrong (email, account, user name or password), the same words: see lib/auth/signIn.ts.
const INCORRECT: Outcome = { title: "Incorrect credentials", detail: "Check what you entered and try again." };
// Only when the throttle refused the attempt (next-auth's error "Throttled", SIGN_IN_THROTTLED in lib/auth/options.ts).
const THROTTLED: Outcome = {
  title: "Too many failed attempts",
  detail: "Sign-in from here is paused after repeated failures. Wait a few minutes, then try again; an administrator can also unlock an IAM user's sign-in.",
};

/** The sign-in page's error from a redirect (a sign-in posted without JavaScript): which message to open with. */
export type SignInError = "incorrect" | "throttled";

const outcomeOf = (error: string | null | undefined): Outcome => (error === "Throttled" ? THROTTLED : INCORRECT);

const KINDS: { value: SignInKind; label: string; description: string }[] = [
  { value: "root", label: "Root user", description: "The account owner, for the few tasks that need unrestricted access." },
  { value: "iam-user", label: "IAM user", description: "A user within an account, for everyday tasks." },
];

/**
 * Signs in through next-auth's credentials endpoint without a full-page redirect, so a failure
 * stays on this page with what was typed (except the password) and is announced in place.
 */
export function SignInForm({
  initialKind,
  initialAccount,
  initialError,
  signUpOpen,
}: {
  initialKind: SignInKind;
  initialAccount: string;
  initialError: SignInError | undefined;
  /** Whether this server lets visitors create accounts (PORTCULLIS_SIGNUP). */
  signUpOpen: boolean;
}) {
  const router = useRouter();
  const [kind, setKind] = useState<SignInKind>(initialKind);
  const [outcome, setOutcome] = useState<Outcome>(initialError === "throttled" ? THROTTLED : initialError ? INCORRECT : undefined);
  const [pending, setPending] = useState(false);
  const [account, setAccount] = useState(initialAccount);
  const [userName, setUserName] = useState("");
  const [remembered, setRemembered] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // What this device remembers is only known in the browser, after the server's render. A sign-in
  // URL's account wins: the remembered user name is offered only for that same account.
  useEffect(() => {
    const last = readLastSignIn();
    if (!last) return;
    // Nothing the person has typed meanwhile (before the page's script ran) is overwritten.
    const field = (name: string) => formRef.current?.elements.namedItem(name);
    const typed = (name: string, initial: string) => {
      const input = field(name);
      return input instanceof HTMLInputElement && input.value !== "" && input.value !== initial;
    };
    if (typed("account", initialAccount) || typed("userName", "") || typed("email", "")) return;
    // A field with focus is one the person is about to type in: filling it now would land in the
    // middle of their typing.
    if (formRef.current?.contains(document.activeElement)) return;
    if (initialAccount) {
      if (last.kind !== "iam-user" || last.account?.toLowerCase() !== initialAccount.toLowerCase() || !last.userName) return;
      setUserName(last.userName);
    } else {
      setKind(last.kind);
      setAccount(last.account ?? "");
      setUserName(last.userName ?? "");
    }
    setRemembered(last.kind === "iam-user");
    // Only the password is left to type.
    const password = field("password");
    if (last.kind === "iam-user" && last.userName && password instanceof HTMLInputElement) password.focus();
  }, [initialAccount]);

  function forgetRememberedUser() {
    forgetSignIn();
    setRemembered(false);
    setAccount(initialAccount);
    setUserName("");
    setOutcome(undefined);
    // The note (and its button) goes: focus moves to the first field to retype, not to the page.
    const first = formRef.current?.elements.namedItem(initialAccount ? "userName" : "account");
    if (first instanceof HTMLInputElement) first.focus();
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    const names = kind === "root" ? ["email", "password"] : ["account", "userName", "password"];
    const data = Object.fromEntries(names.map((name) => [name, String(fields.get(name) ?? "")]));
    setPending(true);
    setOutcome(undefined);
    try {
      const result = await signIn<"credentials">(kind, { ...data, redirect: false });
      if (result?.ok && !result.error) {
        rememberSignIn(kind === "root" ? { kind } : { kind, account: data.account?.trim(), userName: data.userName?.trim() });
        // A principal with an MFA device is not signed in yet: this page re-renders with the code step.
        if ((await getSession())?.principal?.mfaPending) {
          router.refresh();
          return;
        }
        router.replace("/dashboard");
        router.refresh();
        return;
      }
      setOutcome(
        result?.error === "CredentialsSignin" || result?.status === 401 ? outcomeOf(result.error) : { title: "Sign-in failed", detail: "The server could not sign you in. Try again in a moment." },
      );
    } catch {
      setOutcome({ title: "Sign-in is unavailable", detail: "The server could not be reached. Check your connection and try again." });
    }
    // Passwords are never kept after an attempt; the other fields stay as typed.
    const password = form.elements.namedItem("password");
    if (password instanceof HTMLInputElement) password.value = "";
    setPending(false);
  }

  return (
    <form ref={formRef} onSubmit={submit} className="flex flex-col gap-4" data-testid="signin-form">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Sign in as</legend>
        <div className="mt-2 grid grid-cols-2 gap-2">
          {KINDS.map((option) => (
            <div
              key={option.value}
              className={
                "relative flex flex-col rounded-md border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-600 " +
                (kind === option.value ? "border-blue-600 bg-blue-50 ring-1 ring-blue-600" : "border-slate-300 bg-white hover:bg-slate-50")
              }
            >
              {/* The label stretches over the whole card (after:inset-0), so the card is the click target. */}
              <label className="flex cursor-pointer items-center gap-2 font-medium text-slate-900 after:absolute after:inset-0">
                <input
                  type="radio"
                  name="kind"
                  value={option.value}
                  checked={kind === option.value}
                  aria-describedby={`signin-kind-${option.value}`}
                  onChange={() => {
                    setKind(option.value);
                    setOutcome(undefined);
                  }}
                  // Above the stretched label, so the radio itself stays the target of a direct click.
                  className="relative z-10 accent-blue-700"
                  data-testid={`signin-kind-${option.value}`}
                />
                {option.label}
              </label>
              <span id={`signin-kind-${option.value}`} className="mt-1 text-xs text-slate-600">
                {option.description}
              </span>
            </div>
          ))}
        </div>
      </fieldset>

      {remembered && kind === "iam-user" && (
        <p className="text-sm text-slate-600" data-testid="signin-remembered">
          This device remembers your account and user name (never your password). Not you?{" "}
          <button type="button" className={buttonStyles.link} onClick={forgetRememberedUser} data-testid="signin-forget">
            Use a different user
          </button>
        </p>
      )}

      {kind === "root" ? (
        <TextField key="email" label="Root user email address" name="email" type="email" autoComplete="username" required maxLength={256} testId="signin-email" />
      ) : (
        <>
          <TextField
            key="account"
            label="Account ID (12 digits) or account alias"
            name="account"
            autoComplete="organization"
            value={account}
            onChange={(event) => setAccount(event.target.value)}
            required
            maxLength={256}
            spellCheck={false}
            testId="signin-account"
          />
          <TextField
            key="userName"
            label="IAM user name"
            name="userName"
            autoComplete="username"
            value={userName}
            onChange={(event) => setUserName(event.target.value)}
            required
            maxLength={256}
            spellCheck={false}
            testId="signin-username"
          />
        </>
      )}
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required maxLength={128} testId="signin-password" />


      <FormMessage title={outcome?.title} testId="signin-message">
        {outcome?.detail}
      </FormMessage>

      <button type="submit" className={buttonStyles.primary} disabled={pending} data-testid="signin-submit">
        {pending ? "Signing in…" : "Sign in"}
      </button>
      {signUpOpen && (
        <p className="text-center text-sm text-slate-600">
          New to Portcullis?{" "}
          <Link href="/signup" className={`${buttonStyles.link} underline`}>
            Create an account
          </Link>
        </p>
      )}
    </form>
  );
}
