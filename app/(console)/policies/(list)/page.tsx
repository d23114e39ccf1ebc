import Link from "next/link";
import { requireCaller } from "@/lib/auth/session";
import type { PolicyView } from "@/lib/iam/policies/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { PolicyTypeBadge } from "@/components/policies/PolicyTypeBadge";
import { policyHref } from "@/components/policies/policyHref";
import { DataTable, type Column } from "@/components/table/DataTable";
import { EmptyState } from "@/components/table/EmptyState";
import { FilterBox } from "@/components/table/FilterBox";
import { Pagination } from "@/components/table/Pagination";
import { hrefWith, RESET_PAGE, type SearchParams } from "@/components/table/queryHref";
import { LIST_PAGE_SIZE, loadPoliciesList } from "../../_server/listPages";

export const dynamic = "force-dynamic";

// The console's "Filter by type" in ListPolicies' own Scope words.
const TYPES = [
  { scope: "All", label: "All types" },
  { scope: "AWS", label: "AWS managed" },
  { scope: "Local", label: "Customer managed" },
] as const;

const columns: Column<PolicyView>[] = [
  {
    key: "name",
    header: "Policy name",
    sortKey: "PolicyName",
    render: (policy) => (
      <Link href={policyHref(policy.Arn)} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
        {policy.PolicyName}
      </Link>
    ),
  },
  { key: "type", header: "Type", render: (policy) => <PolicyTypeBadge awsManaged={policy.IsAwsManaged} /> },
  { key: "attached", header: "Attached entities", className: "text-right", render: (policy) => policy.AttachmentCount },
  { key: "description", header: "Description", render: (policy) => <span className="text-slate-700">{policy.Description}</span> },
  { key: "updated", header: "Last updated", sortKey: "UpdateDate", className: "whitespace-nowrap", render: (policy) => <DateTime value={policy.UpdateDate} /> },
];

export default async function PoliciesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const current = await searchParams;
  const caller = await requireCaller();
  const { result, sort, filter, scope, permissions } = await loadPoliciesList(caller, current);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Policies"
        description="A managed policy is a standalone JSON document you attach to users and groups. AWS managed policies are maintained by AWS and cannot be edited."
        actions={
          <ButtonLink href="/policies/new" testId="create-policy" permission={permissions.createPolicy}>
            Create policy
          </ButtonLink>
        }
      />
      <FilterBox label="Find policies by name" current={current} childNames={["type"]} testId="policies-filter">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Filter by type
          <select
            name="type"
            defaultValue={scope}
            data-testid="policies-type"
            className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-normal shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
          >
            {TYPES.map((type) => (
              <option key={type.scope} value={type.scope}>
                {type.label}
              </option>
            ))}
          </select>
        </label>
      </FilterBox>
      {!result.ok ? (
        <ErrorPanel error={result.error} />
      ) : (
        <>
          {result.value.Policies.length === 0 ? (
            <EmptyState
              title="No policies"
              description={filter || scope !== "All" ? "No policy matches the filter." : "There are no managed policies."}
              testId="policies-empty"
            />
          ) : (
            <DataTable
              caption="Managed policies"
              columns={columns}
              rows={result.value.Policies}
              rowKey={(policy) => policy.Arn}
              sort={{ ...sort, href: (by, order) => hrefWith("/policies", current, { ...RESET_PAGE, sort: by, order }) }}
              testId="policies-table"
            />
          )}
          <Pagination
            path="/policies"
            current={current}
            nextMarker={result.value.IsTruncated ? result.value.Marker : undefined}
            pageSize={LIST_PAGE_SIZE}
            itemsOnPage={result.value.Policies.length}
            totalCount={result.value.TotalCount}
            noun="policies"
          />
        </>
      )}
    </div>
  );
}
