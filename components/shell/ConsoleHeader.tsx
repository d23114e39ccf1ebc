import Link from "next/link";
import { SearchButton } from "@/components/commandPalette/SearchButton";
import { ThemeSelect } from "@/components/theme/ThemeSelect";
import type { Theme } from "@/components/theme/theme";
import { Brand } from "./Brand";
import { SignOutButton } from "./SignOutButton";

export interface SignedInIdentity {
  readonly kind: "root" | "user" | "anonymous";
  readonly accountId?: string;
  readonly accountAlias?: string;
  readonly userName?: string;
}

/**
 * The top bar: the product, search, the account (ID and alias) and who is signed in, the theme and
 * signing out. It is dark in either theme: its colours are the fixed "ink" shades (app/globals.css).
 */
export function ConsoleHeader({ identity, theme }: { identity: SignedInIdentity; theme: Theme }) {
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
              {identity.accountId}
              {identity.accountAlias && <span className="ml-1.5 font-sans text-ink-300">({identity.accountAlias})</span>}
            </dd>
          </div>
          <div className="flex gap-1.5">
            <dt className="sr-only">Signed in as</dt>
            <dd data-testid="header-principal">
              <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${identity.kind === "root" ? "bg-amber-400 text-amber-950" : "bg-sky-300 text-sky-950"}`}>
                {who}
              </span>
            </dd>
          </div>
        </dl>
        {identity.kind === "user" && (
          <Link href="/change-password" className="rounded-sm text-ink-200 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ink-100">
            Change password
          </Link>
        )}
        <ThemeSelect initial={theme} />
        <SignOutButton />
      </div>
    </header>
  );
}
