import Link from "next/link";
import type { IamErrorView } from "@/lib/iam/core/errors";
import type { ServiceLastAccessed, TrackedActionLastAccessed } from "@/lib/iam/reports/lastAccessed";
import type { GetServiceLastAccessedDetailsOutput } from "@/lib/iam/reports/serviceLastAccessedJobs";
import { DateTime } from "@/components/console/DateTime";
import { Panel } from "@/components/console/Panel";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { DataTable, type Column } from "@/components/table/DataTable";
import { EmptyState } from "@/components/table/EmptyState";
import { Pagination } from "@/components/table/Pagination";
import { hrefWith, param, type SearchParams } from "@/components/table/queryHref";
import { roleHref } from "@/components/roles/roleHref";
import { userHref } from "@/components/users/userHref";
import { plural } from "@/components/text/plural";

const NEVER = "Not accessed in the tracking period";

/** The entity a report names (a user or a role ARN), linked to its page. */
function EntityLink({ arn }: { arn?: string }) {
  if (!arn) return <span className="text-slate-500">—</span>;
  const match = /:(user|role)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!match) return <code className="font-mono text-xs break-all">{arn}</code>;
  const [, kind, name] = match;
  return (
    <Link href={kind === "user" ? userHref(name!) : roleHref(name!)} className="text-blue-700 underline-offset-2 hover:underline" title={arn}>
      {name} <span className="text-slate-500">({kind})</span>
    </Link>
  );
}

/** Who, by name, for the line a phone shows in place of the By column (the link stays in the column). */
function entityName(arn?: string): string | undefined {
  return arn ? /:(?:user|role)\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1] ?? arn : undefined;
}

/** The link that opens a service's actions below the table, with how many are allowed and used. */
function ActionsLink({ service, href, open }: { service: ServiceLastAccessed; href: string; open: boolean }) {
  const actions = service.TrackedActionsLastAccessed ?? [];
  const used = actions.filter((a) => a.LastAccessedTime).length;
  return (
    <Link href={href} aria-current={open ? "true" : undefined} className="text-blue-700 underline-offset-2 hover:underline aria-[current]:font-semibold" data-testid="last-accessed-actions-link">
      {plural(actions.length, "action")} allowed, {used} used
    </Link>
  );
}

/** One service's allowed actions, the most recently attempted first, then those never attempted. */
function ServiceActions({ service, closeHref }: { service: ServiceLastAccessed; closeHref: string }) {
  const actions = [...(service.TrackedActionsLastAccessed ?? [])].sort(
    (a, b) => (b.LastAccessedTime?.getTime() ?? -1) - (a.LastAccessedTime?.getTime() ?? -1) || a.ActionName.localeCompare(b.ActionName),
  );
  const columns: Column<TrackedActionLastAccessed>[] = [
    {
      key: "action",
      header: "Action",
      render: (a) => (
        <span className="flex flex-col gap-0.5">
          <code className="font-mono text-xs break-all">{`${service.ServiceNamespace}:${a.ActionName}`}</code>
          {/* On a narrow screen the time and who are folded in here, so each action is one short row. */}
          <span className="text-xs text-slate-600 md:hidden">
            <DateTime value={a.LastAccessedTime} fallback={NEVER} />
            {a.LastAccessedEntity && ` · by ${entityName(a.LastAccessedEntity)}`}
          </span>
        </span>
      ),
    },
    { key: "last", header: "Last accessed", className: "hidden md:table-cell whitespace-nowrap", render: (a) => <DateTime value={a.LastAccessedTime} fallback={NEVER} /> },
    { key: "by", header: "By", className: "hidden md:table-cell", render: (a) => <EntityLink arn={a.LastAccessedEntity} /> },
  ];
  return (
    // Not a landmark of its own: the table inside is already a region named for the service.
    <div id={ACTIONS_ID} className="flex flex-col gap-2" data-testid="last-accessed-actions">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">
          Actions of {service.ServiceName}
        </h3>
        <Link href={closeHref} className="text-sm text-blue-700 underline-offset-2 hover:underline">
          Close actions
        </Link>
      </div>
      <DataTable caption={`Actions of ${service.ServiceName}`} columns={columns} rows={actions} rowKey={(a) => a.ActionName} testId="last-accessed-actions-table" />
    </div>
  );
}

const ACTIONS_ID = "service-actions";

/**
 * A user's, group's, role's or policy's last accessed data (AWS's access advisor): every service its
 * permissions policies allow, when an entity holding them last attempted it (allowed or denied),
 * who, and, for the service opened from its row (in the URL, so linkable), the same per action.
 */
export function LastAccessedTab({
  report,
  policies,
  attemptsBy,
  path,
  current,
  pageSize,
}: {
  report: { ok: true; value: GetServiceLastAccessedDetailsOutput } | { ok: false; error: IamErrorView };
  /** What decides what is listed: "this user's permissions policies", "this policy". */
  policies: string;
  /** Whose attempts count: "this user", "its members", "its sessions". */
  attemptsBy: string;
  /** The page's path and query, for the pagination links. */
  path: string;
  current: SearchParams;
  pageSize: number;
}) {
  if (!report.ok) return <ErrorPanel error={report.error} />;
  const { ServicesLastAccessed: services, Marker, JobCompletionDate } = report.value;
  // The open service's actions show below the table (?service=iam); it is one of this page's rows.
  const openNamespace = param(current, "service");
  const open = services.find((s) => s.ServiceNamespace === openNamespace && s.TrackedActionsLastAccessed);
  const withoutService = { ...current, service: undefined };
  const columns: Column<ServiceLastAccessed>[] = [
    {
      key: "service",
      header: "Service",
      render: (s) => (
        <span className="flex flex-col">
          <span className="font-medium text-slate-900">{s.ServiceName}</span>
          <code className="font-mono text-xs text-slate-500">{s.ServiceNamespace}</code>
        </span>
      ),
    },
    {
      key: "last",
      header: "Last accessed",
      render: (s) => (
        <span className="flex flex-col">
          <DateTime value={s.LastAuthenticated} fallback={NEVER} />
          {/* On a narrow screen who is folded in here, in place of the By column. */}
          {s.LastAuthenticatedEntity && <span className="text-xs text-slate-600 md:hidden">by {entityName(s.LastAuthenticatedEntity)}</span>}
        </span>
      ),
    },
    { key: "by", header: "By", className: "hidden md:table-cell", render: (s) => <EntityLink arn={s.LastAuthenticatedEntity} /> },
    { key: "entities", header: "Entities", className: "hidden md:table-cell", render: (s) => s.TotalAuthenticatedEntities },
    {
      key: "actions",
      header: "Actions",
      render: (s) =>
        s.TrackedActionsLastAccessed ? (
          <ActionsLink service={s} href={`${hrefWith(path, current, { service: s.ServiceNamespace })}#${ACTIONS_ID}`} open={s === open} />
        ) : (
          <span className="text-slate-500">—</span>
        ),
    },
  ];
  return (
    <Panel
      title="Last accessed"
      testId="last-accessed"
      description={
        <>
          The services allowed by {policies}, and when {attemptsBy} last tried each one, whether the request was allowed or denied. From
          the audit log, as of <DateTime value={JobCompletionDate} seconds />. Permissions boundaries and SCPs are not considered. Remove what is never used to
          keep to least privilege.
        </>
      }
    >
      {services.length === 0 && current.marker === undefined ? (
        <EmptyState
          level={3}
          title="No services allowed"
          description={`Nothing in ${policies} allows an action of any service, so there is nothing to report.`}
          testId="last-accessed-empty"
        />
      ) : (
        <>
          <DataTable caption="Services last accessed" columns={columns} rows={services} rowKey={(s) => s.ServiceNamespace} testId="last-accessed-table" rowTestId={() => "last-accessed-row"} />
          <Pagination path={path} current={withoutService} nextMarker={Marker} pageSize={pageSize} itemsOnPage={services.length} noun="services" />
          {open && <ServiceActions service={open} closeHref={hrefWith(path, withoutService, {})} />}
        </>
      )}
    </Panel>
  );
}
