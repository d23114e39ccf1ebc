import Link from "next/link";
import { requireCaller } from "@/lib/auth/session";
import type { AccessDecision } from "@/lib/iam/policies/accessVerdict";
import type { PrincipalWithAccess } from "@/lib/iam/policies/whoCan";
import { PageHeader } from "@/components/console/PageHeader";
import { Tabs } from "@/components/console/Tabs";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { groupHref } from "@/components/groups/groupHref";
import { roleHref } from "@/components/roles/roleHref";
import { DataTable, type Column } from "@/components/table/DataTable";
import { EmptyState } from "@/components/table/EmptyState";
import { Pagination } from "@/components/table/Pagination";
import { hrefWith, param, RESET_PAGE, type SearchParams } from "@/components/table/queryHref";
import { plural } from "@/components/text/plural";
import { userHref } from "@/components/users/userHref";
import { ActionNameField } from "@/components/whoCan/ActionNameField";
import { DECISION_SECTIONS } from "@/components/whoCan/accessText";
import { DecisionBadge } from "@/components/whoCan/DecisionBadge";
import { principalPermissionsHref } from "@/components/whoCan/principalPermissionsHref";
import { StatementSource } from "@/components/whoCan/StatementSource";
import { VerdictNotes } from "@/components/whoCan/VerdictNotes";
import { parseContextLines } from "./contextLines";
import { loadWhoCan, WHO_CAN_PAGE_SIZE as PAGE_SIZE } from "./loadWhoCan";

export const dynamic = "force-dynamic";

const TYPE_LABELS = { user: "User", group: "User group", role: "Role" } as const;
const fieldStyle =
  "w-full max-w-xl rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600";

function entityHref(row: PrincipalWithAccess): string {
  return row.PrincipalType === "user" ? userHref(row.PrincipalName) : row.PrincipalType === "group" ? groupHref(row.PrincipalName) : roleHref(row.PrincipalName);
}

const COLUMNS: readonly Column<PrincipalWithAccess>[] = [
  {
    key: "principal",
    header: "Principal",
    className: "min-w-36",
    render: (row) => (
      <div className="flex flex-col gap-0.5">
        <Link href={entityHref(row)} className={`${buttonStyles.link} font-medium break-words`}>
          {row.PrincipalName}
        </Link>
        <span className="text-xs text-slate-600">{TYPE_LABELS[row.PrincipalType]}</span>
        <Link href={principalPermissionsHref(row.PrincipalArn)} className={`${buttonStyles.link} text-xs`}>
          What it can do
        </Link>
      </div>
    ),
  },
  { key: "decision", header: "Decision", render: (row) => <DecisionBadge decision={row.Decision} /> },
  {
    key: "statement",
    header: "Deciding statement",
    className: "min-w-56",
    render: (row) => (
      <ul className="flex flex-col gap-1 text-sm">
        {row.DecidingStatements.map((s, i) => (
          <li key={i}>
            <StatementSource statement={s} owner={{ kind: row.PrincipalType, name: row.PrincipalName }} />
          </li>
        ))}
      </ul>
    ),
  },
  {
    key: "notes",
    header: "Notes",
    render: (row) => (
      <div className="flex flex-col gap-1 text-xs text-slate-700">
        {row.Decision !== "allowed" && <p>{row.Summary}</p>}
        <VerdictNotes verdict={row} owner={{ kind: row.PrincipalType, name: row.PrincipalName }} />
        {row.MemberCount !== undefined && <p>{plural(row.MemberCount, "member inherits", "members inherit")} this.</p>}
        {row.PermissionsBoundaryArn && row.Decision === "allowed" && <p>Within its permissions boundary.</p>}
        {row.SessionPoliciesMayLimit && <p>Session policies passed when the role is assumed may limit a session further.</p>}
      </div>
    ),
  },
];

export default async function WhoCanPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const current = await searchParams;
  const caller = await requireCaller();
  const action = param(current, "action")?.trim() ?? "";
  const resource = param(current, "resource")?.trim() || "*";
  const contextText = param(current, "context") ?? "";
  const context = parseContextLines(contextText);
  const decision = DECISION_SECTIONS.find((s) => s.id === param(current, "decision"))?.id;
  const result = action && context.ok ? await loadWhoCan(caller, { action, resource, context: context.entries, decision, marker: param(current, "marker") }) : undefined;
  const example = `arn:aws:iam::${caller.accountId}:user/*`;
  const tabs = result?.ok
    ? [{ id: "all", label: "All", count: Object.values(result.value.Counts).reduce((a, b) => a + b, 0) }, ...DECISION_SECTIONS.map((s) => ({ id: s.id, label: s.label, count: result.value.Counts[s.id as AccessDecision] }))]
    : [];

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Who can"
        description="Every user, user group and role in this account whose policies allow an action on a resource, decided by the same engine as every request: with the statement that decides, and where a permissions boundary, a condition or a Deny limits it."
      />
      <form method="get" className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4 shadow-sm" aria-label="Who can question">
        <ActionNameField defaultValue={action} />
        <div className="flex flex-col gap-1">
          <label htmlFor="who-can-resource" className="text-sm font-medium text-slate-800">
            Resource
          </label>
          <input id="who-can-resource" name="resource" defaultValue={resource} aria-describedby="who-can-resource-help" spellCheck={false} className={fieldStyle} data-testid="who-can-resource" />
          <p id="who-can-resource-help" className="text-xs text-slate-600">
            An ARN, or * for every resource. A pattern such as <code>{example}</code> asks about every user.
          </p>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="who-can-context" className="text-sm font-medium text-slate-800">
            Context values <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <textarea id="who-can-context" name="context" rows={2} defaultValue={contextText} spellCheck={false} aria-describedby="who-can-context-help" aria-invalid={context.ok ? undefined : true} className={fieldStyle} data-testid="who-can-context" />
          <p id="who-can-context-help" className="text-xs text-slate-600">
            One per line, such as <code>aws:MultiFactorAuthPresent=true</code> or <code>aws:SourceIp=192.0.2.10</code>. A condition on a key you leave out is shown as “allowed only when”.
          </p>
          {!context.ok && (
            <p className="text-xs font-medium text-red-700" role="alert">
              {context.problem}
            </p>
          )}
        </div>
        <div>
          <button type="submit" className={buttonStyles.primary} data-testid="who-can-ask">
            Ask who can
          </button>
        </div>
      </form>
      {result === undefined ? (
        <EmptyState title="Ask a question" description="Choose an action and a resource: the answer lists every principal whose policies allow it, and those a boundary or a Deny stops." testId="who-can-unasked" />
      ) : !result.ok ? (
        <ErrorPanel error={result.error} />
      ) : (
        <section aria-label="Answer" className="flex flex-col gap-3" data-testid="who-can-answer">
          <p className="text-sm text-slate-800" data-testid="who-can-summary">
            {plural(result.value.Counts.allowed, "principal is", "principals are")} allowed <code className="font-mono">{result.value.ActionName}</code> on{" "}
            <code className="font-mono wrap-anywhere">{result.value.ResourceArn}</code>. The root user can do everything in its own account and is not listed.
          </p>
          <Tabs label="Decisions" tabs={tabs} current={decision ?? "all"} hrefFor={(id) => hrefWith("/who-can", current, { ...RESET_PAGE, decision: id === "all" ? undefined : id })} />
          {result.value.Principals.length === 0 ? (
            <EmptyState
              title="No principal"
              description={`No user, group or role in this account ${decision ? `is “${DECISION_SECTIONS.find((s) => s.id === decision)!.label.toLowerCase()}” for` : "has a policy that allows"} ${result.value.ActionName} on ${result.value.ResourceArn}.`}
              testId="who-can-empty"
            />
          ) : (
            <DataTable caption={`Principals for ${result.value.ActionName}`} columns={COLUMNS} rows={result.value.Principals} rowKey={(row) => row.PrincipalArn} rowTestId={(row) => `principal-${row.PrincipalType}-${row.PrincipalName}`} testId="who-can-table" />
          )}
          <Pagination path="/who-can" current={current} nextMarker={result.value.IsTruncated ? result.value.Marker : undefined} pageSize={PAGE_SIZE} itemsOnPage={result.value.Principals.length} noun="principals" />
        </section>
      )}
    </div>
  );
}
