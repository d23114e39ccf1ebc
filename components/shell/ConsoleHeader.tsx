import Link from "next/link";
import type { PrincipalKind } from "@/lib/auth/caller";
import { SearchButton } from "@/components/commandPalette/SearchButton";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { roleColorClasses } from "@/components/roles/roleColors";
import { ThemeSelect } from "@/components/theme/ThemeSelect";
import type { Theme } from "@/components/theme/theme";
import { Brand } from "./Brand";
import { SignOutButton } from "./SignOutButton";

export interface SignedInIdentity {
  readonly kind: PrincipalKind;
  readonly accountId?: string;
  readonly accountAlias?: string;
  /** The IAM user who signed in (also while the session acts as a role). */
  readonly userName?: string;
  /** The role the session switched to: the header shows it, in its colour, instead of the user. */
  readonly switchedRole?: { readonly displayName: string; readonly color: string; readonly sessionArn: string; readonly accountId: string };
  /** The session had switched role and that role session expired: it acts as the user again. */
  readonly switchedRoleEnded?: boolean;
}

/**
 * The top bar: the product, search, the account (ID and alias) and who is signed in, switching role
 * (and back), the theme and signing out. It is dark in either theme: its colours are the fixed "ink"
 * shades (app/globals.css). A switched role shows its display name in its colour and the role
 * session's ARN, so nobody forgets whose permissions they are using.
 */
export function ConsoleHeader({ identity, theme, backToUser }: { identity: SignedInIdentity; theme: Theme; backToUser: () => Promise<void> }) {
  const role = identity.switchedRole;
  const who = identity.kind === "root" ? "Root user" : `IAM user ${identity.userName ?? ""}`;
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 bg-ink-900 px-4 py-2 text-ink-100">
      <div className="flex items-center gap-4">
        <Link href="/dashboard" className="rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ink-100">
          <Brand inverted />
        </Link>
        <SearchButton />
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <dl className="flex flex-wrap items-center gap-x-4 gap-y-1" data-testid="signed-in-identity">
          <div className="flex gap-1.5">
            <dt className="text-ink-400">Account</dt>
            <dd className="font-mono" data-testid="header-account-id">
              {role ? role.accountId : identity.accountId}
              {!role && identity.accountAlias && <span className="ml-1.5 font-sans text-ink-300">({identity.accountAlias})</span>}
            </dd>
          </div>
          {role ? (
            <div className="flex flex-wrap items-center gap-1.5">
              <dt className="sr-only">Working as role</dt>
              <dd data-testid="header-principal" className="flex flex-wrap items-center gap-1.5">
                <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${roleColorClasses(role.color)}`} data-testid="header-role" data-color={role.color}>
                  {role.displayName}
                </span>
                <code className="font-mono text-xs break-all text-ink-300" data-testid="header-session-arn">
                  {role.sessionArn}
                </code>
              </dd>
            </div>
          ) : (
            <div className="flex gap-1.5">
              <dt className="sr-only">Signed in as</dt>
              <dd data-testid="header-principal">
                <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${identity.kind === "root" ? "bg-amber-400 text-amber-950" : "bg-sky-300 text-sky-950"}`}>
                  {who}
                </span>
              </dd>
            </div>
          )}
        </dl>
        {role ? (
          <form action={backToUser}>
            <button type="submit" className={buttonStyles.secondary} data-testid="back-to-user">
              Back to {identity.userName}
            </button>
          </form>
        ) : (
          identity.kind === "user" && (
            <>
              <Link href="/switchrole" className={HEADER_LINK} data-testid="header-switch-role">
                Switch role
              </Link>
              <Link href="/change-password" className={HEADER_LINK}>
                Change password
              </Link>
            </>
          )
        )}
        <ThemeSelect initial={theme} />
        <SignOutButton />
      </div>
    </header>
  );
}

const HEADER_LINK = "rounded-sm text-ink-200 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ink-100";
