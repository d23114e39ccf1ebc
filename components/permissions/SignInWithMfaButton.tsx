"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { buttonStyles, type ButtonVariant } from "@/components/forms/buttonStyles";

/**
 * The fix for a denial that hangs on MFA: end this session (signed in without a code) and go to the
 * sign-in page, which remembers the account and user name, so the next sign-in asks for the code.
 */
export function SignInWithMfaButton({ variant = "primary" }: { variant?: ButtonVariant }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={buttonStyles[variant]}
      disabled={pending}
      onClick={async () => {
        setPending(true);
        try {
          await signOut({ redirect: false });
        } finally {
          window.location.assign("/signin");
        }
      }}
    >
      {pending ? "Signing out…" : "Sign in again with MFA"}
    </button>
  );
}
