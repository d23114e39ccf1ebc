import Link from "next/link";
import { Brand } from "./Brand";
import { SignOutButton } from "./SignOutButton";

export interface SignedInIdentity {
  readonly kind: "root" | "user" | "anonymous";
  readonly accountId?: string;
  readonly accountAlias?: string;
  readonly userName?: string;
}

/** The top bar: the product, the account (ID and alias) and who is signed in, and signing out. */
export function ConsoleHeader({ identity }: { identity: SignedInIdentity }) {
  const who = identity.kind === "root" ? "Root user" : `IAM user ${identity.userName ?? ""}`;
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 bg-slate-900 px-4 py-2 text-slate-100">
      <Link href="/dashboard" className="rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white">
        <Brand inverted />
      </Link>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <dl className="flex flex-wrap items-center gap-x-4 gap-y-1" data-testid="signed-in-identity">
          <div className="flex gap-1.5">
            <dt className="text-slate-400">Account</dt>
            <dd className="font-mono" data-testid="header-account-id">
              {identity.accountId}
              {identity.accountAlias && <span className="ml-1.5 font-sans text-slate-300">({identity.accountAlias})</span>}
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
          <Link href="/change-password" className="rounded-sm text-slate-200 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white">
            Change password
          </Link>
        )}
        <SignOutButton />
      </div>
    </header>
  );
}
