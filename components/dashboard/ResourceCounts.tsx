import Link from "next/link";
import { plural } from "@/components/text/plural";

export interface ResourceCount {
  readonly label: string;
  /** What one of them is called, for the link's accessible name: "1 user", "3 user groups". */
  readonly noun: readonly [one: string, many: string];
  readonly count: number;
  readonly quota: number;
  readonly href: string;
}

/** The IAM resources in the account, each linking to its list, with AWS's quota beside it. */
export function ResourceCounts({ counts }: { counts: readonly ResourceCount[] }) {
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {counts.map((item) => (
        <div key={item.label} className="rounded-md border border-slate-200 p-3">
          <dt className="text-sm text-slate-600">{item.label}</dt>
          <dd className="mt-1">
            <Link
              href={item.href}
              className="rounded-sm text-2xl font-semibold text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
              data-testid={`count-${item.href.slice(1)}`}
            >
              <span aria-hidden="true">{item.count.toLocaleString("en-US")}</span>
              <span className="sr-only">{plural(item.count, item.noun[0], item.noun[1])}</span>
            </Link>
            <span className="ml-2 text-xs text-slate-500">of {item.quota.toLocaleString("en-US")} allowed</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
