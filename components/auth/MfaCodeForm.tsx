"use client";

import { useRouter } from "next/navigation";
import { signIn, signOut } from "next-auth/react";
import { useState } from "react";
import { TextField } from "@/components/forms/TextField";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { FormMessage } from "./FormMessage";

type Outcome = { title: string; detail?: string } | undefined;

// Wrong, reused and throttled codes all read the same (see lib/auth/mfaSignIn.ts).
const REFUSED: Outcome = {
  title: "That code was not accepted",
  detail: "Enter the current 6-digit code from your authenticator app. A code works only once: if you just used one, wait for the next. After several wrong codes, wait a few minutes.",
};

/**
 * The second sign-in step: the password was right and the principal has an MFA device. The code goes
 * to next-auth's "mfa" provider, which finds who is signing in from the pending session token.
 */
export function MfaCodeForm({ principalKind }: { principalKind: "root" | "user" }) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>();
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const code = String(new FormData(form).get("code") ?? "").replace(/\s+/g, "");
    setPending(true);
    setOutcome(undefined);
    try {
      const result = await signIn<"credentials">("mfa", { code, redirect: false });
      if (result?.ok && !result.error) {
        router.replace("/dashboard");
        router.refresh();
        return;
      }
      setOutcome(REFUSED);
    } catch {
      setOutcome({ title: "Sign-in is unavailable", detail: "The server could not be reached. Check your connection and try again." });
    }
    const input = form.elements.namedItem("code");
    if (input instanceof HTMLInputElement) {
      input.value = "";
      input.focus();
    }
    setPending(false);
  }

  async function startOver() {
    await signOut({ redirect: false });
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" data-testid="mfa-signin-form">
      <p className="text-sm text-slate-700">
        {principalKind === "root" ? "The root user" : "Your IAM user"} has an MFA device. Open your authenticator app and enter the code it shows for Portcullis.
      </p>
      <TextField
        label="MFA code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]{6,7}"
        maxLength={7}
        required
        autoFocus
        spellCheck={false}
        description="6 digits. It changes every 30 seconds."
        testId="mfa-code"
      />
      <FormMessage title={outcome?.title} testId="mfa-signin-message">
        {outcome?.detail}
      </FormMessage>
      <button type="submit" className={buttonStyles.primary} disabled={pending} data-testid="mfa-submit">
        {pending ? "Checking…" : "Sign in"}
      </button>
      <button type="button" className={buttonStyles.link + " self-center text-sm"} onClick={startOver} data-testid="mfa-start-over">
        Sign in as someone else
      </button>
    </form>
  );
}
