"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { buttonStyles, type ButtonVariant } from "@/components/forms/buttonStyles";

/**
 * Ends the session (next-auth clears the cookie) and goes to /signin. The redirect is ours, not
 * next-auth's: its callback URL is absolute and built from NEXTAUTH_URL, which may name another host.
 */
export function SignOutButton({ variant = "secondary" }: { variant?: ButtonVariant }) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <span className="inline-flex items-center gap-2">
      <span role="status" aria-live="polite" className="text-xs text-red-700">
        {failed ? "Sign-out failed; check your connection and try again." : ""}
      </span>
      <button
        type="button"
        className={buttonStyles[variant]}
        disabled={pending}
        data-testid="sign-out"
        onClick={async () => {
          setPending(true);
          setFailed(false);
          try {
            await signOut({ redirect: false });
            window.location.assign("/signin");
          } catch {
            setFailed(true);
            setPending(false);
          }
        }}
      >
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </span>
  );
}
