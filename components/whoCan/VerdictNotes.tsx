import type { AccessVerdict } from "@/lib/iam/policies/accessVerdict";
import { conditionText } from "./accessText";
import { StatementSource, type StatementOwner } from "./StatementSource";

/**
 * What else an auditor must know about one decision: the conditions an "allowed only when" hangs
 * on, and the Denies that would apply under other conditions or to other resources.
 */
export function VerdictNotes({ verdict, owner }: { verdict: AccessVerdict; owner: StatementOwner }) {
  const conditions = verdict.Conditions ?? [];
  const limits = verdict.Limits ?? [];
  if (conditions.length === 0 && limits.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1 text-xs text-slate-700">
      {conditions.map((c, i) => (
        <li key={`c${i}`}>
          Only when <code className="font-mono wrap-anywhere">{conditionText(c)}</code>
        </li>
      ))}
      {limits.map((limit, i) => (
        <li key={`l${i}`} data-testid="access-limit">
          {limit.Kind === "when" ? (
            <>
              Denied when <code className="font-mono wrap-anywhere">{(limit.Conditions ?? []).map(conditionText).join(" and ")}</code>
            </>
          ) : (
            <>
              Denied {limit.Except ? "on every resource except" : "on"} <code className="font-mono wrap-anywhere">{(limit.Resources ?? []).join(", ")}</code>
            </>
          )}{" "}
          by <StatementSource statement={limit.Statement} owner={owner} />
        </li>
      ))}
    </ul>
  );
}
