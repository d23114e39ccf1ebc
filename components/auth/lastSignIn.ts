// The last sign-in on this device, as AWS's sign-in page remembers it: which kind of user, and for an
// IAM user the account (ID or alias) and user name, so that the next sign-in after signing out asks
// only for the password. Kept in localStorage, never the password and never anything the server
// decides; the sign-in page offers "Sign in as a different user" to forget it.

import type { SignInKind } from "./SignInForm";

const KEY = "portcullis-last-sign-in";

export interface LastSignIn {
  readonly kind: SignInKind;
  /** The account ID or alias an IAM user typed; absent for the root user. */
  readonly account?: string;
  readonly userName?: string;
}

const text = (value: unknown) => (typeof value === "string" && value.length > 0 && value.length <= 256 ? value : undefined);

/** What this device remembers, or undefined (nothing stored, storage unavailable, or a value this page did not write). */
export function readLastSignIn(): LastSignIn | undefined {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? "null");
    if (typeof raw !== "object" || raw === null) return undefined;
    const { kind, account, userName } = raw as Record<string, unknown>;
    if (kind === "root") return { kind };
    if (kind === "iam-user") return { kind, account: text(account), userName: text(userName) };
    return undefined;
  } catch {
    return undefined;
  }
}

export function rememberSignIn(signIn: LastSignIn): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(signIn.kind === "root" ? { kind: "root" } : { kind: signIn.kind, account: signIn.account, userName: signIn.userName }));
  } catch {
    // Storage may be full or disabled (private browsing): the page then simply does not remember.
  }
}

export function forgetSignIn(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // As above: nothing was remembered.
  }
}
