import Link from "next/link";
import { plural } from "@/components/text/plural";

export interface AccountFact {
  readonly id: string;
  readonly label: string;
  /** The number, with the noun it counts ("user", "active access key"). */
  readonly count: number;
  readonly noun: readonly [one: string, many: string];
  /** The list showing exactly these, where there is one. */
  readonly href?: string;
  /** Whether a non-zero count is something to act on. */
  readonly warnWhenAny: boolean;
}

/**
 * The account's state for an administrator: the counts that say where the account departs from
 * AWS's guidance, each linking to the users it is about.
 */
export function AccountState({ facts }: { facts: readonly AccountFact[] }) {
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {facts.map((fact) => {
        const text = plural(fact.count, fact.noun[0], fact.noun[1]);
        const warn = fact.warnWhenAny && fact.count > 0;
        return (
          <div key={fact.id} className={`rounded-md border p-3 ${warn ? "border-amber-300 bg-amber-50" : "border-slate-200"}`} data-testid={`state-${fact.id}`}>
            <dt className="text-sm text-slate-700">{fact.label}</dt>
            <dd className="mt-1 text-lg font-semibold text-slate-900">
              {fact.href && fact.count > 0 ? (
                <Link href={fact.href} className="rounded-sm text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
                  {text}
                </Link>
              ) : (
                text
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
