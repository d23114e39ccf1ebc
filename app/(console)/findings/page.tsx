import type { Metadata } from "next";
import Link from "next/link";
import { requireCaller } from "@/lib/auth/session";
import { DEFAULT_UNUSED_ACCESS_DAYS, FINDING_STATUSES, UNUSED_FINDING_TYPES, type FindingStatus, type UnusedAccessFinding, type UnusedFindingType } from "@/lib/iam/reports/unusedAccessFindings";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { Tabs } from "@/components/console/Tabs";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { FindingActions } from "@/components/findings/FindingActions";
import { FindingsFilters } from "@/components/findings/FindingsFilters";
import { FINDING_STATUS_LABELS, FINDING_TYPE_LABELS } from "@/components/findings/findingLabels";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { PermissionNote } from "@/components/permissions/PermissionNote";
import { roleHref } from "@/components/roles/roleHref";
import { DataTable, type Column } from "@/components/table/DataTable";
import { EmptyState } from "@/components/table/EmptyState";
import { Pagination } from "@/components/table/Pagination";
import { hrefWith, param, RESET_PAGE, type SearchParams } from "@/components/table/queryHref";
import { age } from "@/components/text/age";
import { plural } from "@/components/text/plural";
import { userHref } from "@/components/users/userHref";
import { LIST_PAGE_SIZE } from "../_server/listPages";
import { updateFinding } from "./actions";
import { loadFindings } from "./loadFindings";

export const metadata: Metadata = { title: "Unused access · Portcullis" };
export const dynamic = "force-dynamic";

const PATH = "/findings";
const UPDATE_REASON_ID = "findings-update-reason";

/** A whole number of days in 1–365, or the default: a hand-edited URL shows the default rather than an error. */
function daysParam(value: string | undefined): number {
  const days = Number(value);
  return Number.isInteger(days) && days >= 1 && days <= 365 ? days : DEFAULT_UNUSED_ACCESS_DAYS;
}

/** Where a person deals with the finding: the credentials tab, the last accessed tab for a permission, or the page itself. */
function resourceHref(f: UnusedAccessFinding): string {
  const tab = f.FindingType === "UnusedPermission" ? "last-accessed" : f.FindingType === "UnusedIAMUserPassword" || f.FindingType === "UnusedIAMUserAccessKey" ? "security" : undefined;
  return f.ResourceType === "AWS::IAM::Role" ? roleHref(f.ResourceName, tab) : userHref(f.ResourceName, tab);
}

function columns(now: number, update: ControlPermission): Column<UnusedAccessFinding>[] {
  return [
    {
      key: "type",
      header: "Finding",
      render: (f) => (
        <span className="flex flex-col">
          <span className="font-medium whitespace-nowrap">{FINDING_TYPE_LABELS[f.FindingType]}</span>
          {/* On a narrow screen the age columns are folded in here, so the buttons stay in view. */}
          <span className="text-xs text-slate-600 md:hidden">
            Unused for {age(f.UnusedSince, now).toLowerCase()}
            {f.LastAccessed ? "" : " · never used"}
          </span>
        </span>
      ),
    },
    {
      key: "resource",
      header: "Resource",
      render: (f) => (
        <span className="flex flex-col">
          <Link href={resourceHref(f)} className={`${buttonStyles.link} break-words`}>
            {f.ResourceType === "AWS::IAM::Role" ? "Role" : "User"} {f.ResourceName}
          </Link>
          {f.AccessKeyId && <code className="font-mono text-xs text-slate-700">{f.AccessKeyId}</code>}
          {f.ServiceNamespace && (
            <span className="text-xs text-slate-700">
              {f.ServiceName} (<code className="font-mono">{f.ServiceNamespace}</code>)
              {f.UnusedActions && ` · ${f.UnusedActions.length} of ${plural(f.GrantedActionCount!, "granted action")} unused`}
            </span>
          )}
        </span>
      ),
    },
    { key: "lastUsed", header: "Last used", className: "hidden md:table-cell", render: (f) => <DateTime value={f.LastAccessed} fallback="Never used" /> },
    { key: "unusedFor", header: "Unused for", className: "hidden md:table-cell", render: (f) => <span className="whitespace-nowrap">{age(f.UnusedSince, now)}</span> },
    {
      key: "status",
      header: "Status",
      className: "hidden lg:table-cell",
      render: (f) => (
        <span className="flex flex-col text-sm">
          {FINDING_STATUS_LABELS[f.Status]}
          {f.StatusUpdatedAt && (
            <span className="text-xs text-slate-600">
              <DateTime value={f.StatusUpdatedAt} /> by <span className="wrap-anywhere">{f.StatusUpdatedBy}</span>
            </span>
          )}
        </span>
      ),
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      render: (f) => <FindingActions id={f.Id} status={f.Status} subject={`${FINDING_TYPE_LABELS[f.FindingType]} ${f.AccessKeyId ?? f.ResourceName}${f.ServiceNamespace ? ` ${f.ServiceNamespace}` : ""}`} update={updateFinding} permission={update} reasonId={UPDATE_REASON_ID} />,
    },
  ];
}

const EMPTY: Record<FindingStatus, string> = {
  ACTIVE: "Every user, role, password, access key and granted service in the account was used within the period, or is too new to judge.",
  ARCHIVED: "No finding is archived. Archive a finding you accept, to keep it out of the active view.",
  RESOLVED: "No finding is resolved. Resolve a finding once you have dealt with it; it comes back if the access stays unused for another full period.",
};

export default async function FindingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const current = await searchParams;
  const caller = await requireCaller();
  const days = daysParam(param(current, "days"));
  const typeParam = param(current, "type");
  const type = UNUSED_FINDING_TYPES.find((t) => t === typeParam) as UnusedFindingType | undefined;
  const status = FINDING_STATUSES.find((s) => s === param(current, "status")) ?? "ACTIVE";
  const { result, controls } = await loadFindings(caller, { days, status, type, marker: param(current, "marker") });

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Unused access"
        description="Users, roles, console passwords, access keys and granted services nobody used for the period you choose, computed from the audit log and the credentials' last use, as IAM Access Analyzer's unused access findings. Remove what is unused, or archive what you accept."
      />
      <FindingsFilters days={days} type={type} status={status} />
      <Tabs
        label="Finding status"
        tabs={FINDING_STATUSES.map((s) => ({ id: s, label: FINDING_STATUS_LABELS[s] }))}
        current={status}
        hrefFor={(id) => hrefWith(PATH, current, { ...RESET_PAGE, status: id === "ACTIVE" ? undefined : id })}
      />
      {!result.ok ? (
        <ErrorPanel error={result.error} />
      ) : (
        <>
          {result.value.Findings.length === 0 ? (
            <EmptyState
              title={`No ${FINDING_STATUS_LABELS[status].toLowerCase()} findings`}
              description={`${type ? `${FINDING_TYPE_LABELS[type]} findings, unused for ${days} days or more: none. ` : ""}${EMPTY[status]}`}
              testId="findings-empty"
            />
          ) : (
            <>
              <PermissionNote id={UPDATE_REASON_ID} permission={controls.update} />
              <DataTable
                caption={`${FINDING_STATUS_LABELS[status]} unused access findings, unused for ${days} days or more`}
                columns={columns(Date.now(), controls.update)}
                rows={result.value.Findings}
                rowKey={(f) => f.Id}
                testId="findings-table"
                rowTestId={() => "finding-row"}
              />
            </>
          )}
          <Pagination
            path={PATH}
            current={current}
            nextMarker={result.value.IsTruncated ? result.value.Marker : undefined}
            pageSize={LIST_PAGE_SIZE}
            itemsOnPage={result.value.Findings.length}
            totalCount={result.value.TotalCount}
            noun="findings"
          />
        </>
      )}
    </div>
  );
}
