"use client";

import Link from "next/link";
import { useState } from "react";
import { CopyButton } from "@/components/console/CopyButton";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { userHref } from "../userHref";
import type { CreateUserOutcome } from "./outcome";

type Created = NonNullable<CreateUserOutcome["created"]>;

/**
 * AWS's "Retrieve password" page: the sign-in URL, the user name and, once, the password. The
 * password lives only in this component's props; leaving the page forgets it.
 */
export function RetrievePassword({ created }: { created: Created }) {
  return (
    <section aria-labelledby="retrieve-password-title" className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-5 shadow-sm" data-testid="retrieve-password">
      <div>
        <h2 id="retrieve-password-title" className="text-lg font-semibold text-slate-900">
          Retrieve password
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          User <strong className="wrap-anywhere">{created.userName}</strong> was created.
          {created.password && " This is the only time you can view or copy the password. Give it to the user through a secure channel."}
        </p>
      </div>
      <dl className="flex flex-col gap-3 text-sm">
        <Secretless label="Console sign-in URL" value={created.signInUrl} testId="sign-in-url" />
        <Secretless label="User name" value={created.userName} testId="created-user-name" />
        {created.password && <OneTimePassword password={created.password} />}
      </dl>
      {created.password && created.passwordResetRequired && (
        <p className="text-sm text-slate-600">The user must create a new password at their first sign-in.</p>
      )}
      <div className="flex flex-wrap gap-2">
        <Link href={userHref(created.userName)} className={buttonStyles.primary} data-testid="view-user">
          View user
        </Link>
        <Link href="/users" className={buttonStyles.secondary}>
          Return to users list
        </Link>
      </div>
    </section>
  );
}

function Secretless({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-center">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="flex min-w-0 items-center gap-2">
        <code className="font-mono wrap-anywhere" data-testid={testId}>
          {value}
        </code>
        <CopyButton value={value} label={`Copy ${label.charAt(0).toLowerCase()}${label.slice(1)}`} />
      </dd>
    </div>
  );
}

function OneTimePassword({ password }: { password: string }) {
  const [shown, setShown] = useState(false);
  return (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-center">
      <dt className="font-medium text-slate-700">Console password</dt>
      <dd className="flex min-w-0 flex-wrap items-center gap-2">
        <code className="font-mono wrap-anywhere" data-testid="created-password" data-password={shown ? undefined : "hidden"}>
          {shown ? password : "•".repeat(password.length)}
        </code>
        <button type="button" className={buttonStyles.secondary} onClick={() => setShown(!shown)} aria-pressed={shown} data-testid="show-password">
          {shown ? "Hide" : "Show"}
        </button>
        <CopyButton value={password} label="Copy console password" />
      </dd>
    </div>
  );
}
