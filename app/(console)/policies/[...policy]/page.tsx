import { requireCaller } from "@/lib/auth/session";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { SummaryPanel } from "@/components/console/SummaryPanel";
import { Tabs } from "@/components/console/Tabs";
import { DeletePolicyDialog } from "@/components/policies/DeletePolicyDialog";
import { PolicyTypeBadge } from "@/components/policies/PolicyTypeBadge";
import { policyHref } from "@/components/policies/policyHref";
import { param, type SearchParams } from "@/components/table/queryHref";
import { deletePolicy } from "./actions";
import { EditPolicyView } from "./EditPolicyView";
import { EntitiesTab } from "./EntitiesTab";
import { PermissionsTab } from "./PermissionsTab";
import { resolvePolicy } from "./resolvePolicy";
import { VersionsTab } from "./VersionsTab";

export const dynamic = "force-dynamic";

const TABS = [
  { id: "permissions", label: "Permissions" },
  { id: "entities", label: "Entities attached" },
  { id: "versions", label: "Policy versions" },
] as const;

/**
 * A managed policy: summary, then its document, who it is attached to and its versions. Customer
 * managed policies can be edited (`?edit=1`, saved as a new version) and deleted; AWS managed
 * policies are read-only, so those buttons are not offered for them.
 */
export default async function PolicyPage({ params, searchParams }: { params: Promise<{ policy: string[] }>; searchParams: Promise<SearchParams> }) {
  const segments = (await params).policy;
  const query = await searchParams;
  const tab = TABS.find((t) => t.id === param(query, "tab"))?.id ?? "permissions";
  const caller = await requireCaller();
  const resolved = await resolvePolicy(segments, caller);
  const fallbackName = decodeURIComponent(segments.at(-1) ?? "");
  if (!resolved.ok) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeader breadcrumbs={<Breadcrumbs trail={[{ label: "Policies", href: "/policies" }, { label: fallbackName }]} />} title={fallbackName} />
        <ErrorPanel error={resolved.error} />
      </div>
    );
  }
  const { Policy } = resolved.value;
  const href = policyHref(Policy.Arn);
  const editing = param(query, "edit") === "1" && !Policy.IsAwsManaged;
  const trail = [{ label: "Policies", href: "/policies" }, { label: Policy.PolicyName, href: editing ? href : undefined }, ...(editing ? [{ label: "Edit" }] : [])];
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        breadcrumbs={<Breadcrumbs trail={trail} />}
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span data-testid="policy-title">{editing ? `Edit ${Policy.PolicyName}` : Policy.PolicyName}</span>
            <PolicyTypeBadge awsManaged={Policy.IsAwsManaged} />
          </span>
        }
        description={Policy.Description || undefined}
        actions={
          Policy.IsAwsManaged || editing ? undefined : (
            <>
              <ButtonLink href={`${href}?edit=1`} variant="secondary" testId="edit-policy">
                Edit
              </ButtonLink>
              <DeletePolicyDialog policyName={Policy.PolicyName} attachmentCount={Policy.AttachmentCount} deletePolicy={deletePolicy.bind(null, Policy.Arn, Policy.PolicyName)} />
            </>
          )
        }
      />
      {editing ? (
        <EditPolicyView policy={Policy} caller={caller} />
      ) : (
        <>
          <SummaryPanel
            testId="policy-summary"
            items={[
              { label: "ARN", value: <code className="font-mono text-xs">{Policy.Arn}</code>, testId: "policy-arn" },
              { label: "Type", value: Policy.IsAwsManaged ? "AWS managed (read-only)" : "Customer managed" },
              { label: "Default version", value: Policy.DefaultVersionId, testId: "policy-default-version" },
              { label: "Created", value: <DateTime value={Policy.CreateDate} /> },
              { label: "Last edited", value: <DateTime value={Policy.UpdateDate} /> },
              { label: "Attached entities", value: Policy.AttachmentCount },
            ]}
          />
          <Tabs label="Policy details" tabs={TABS} current={tab} hrefFor={(id) => `${href}?tab=${id}`} />
          {tab === "permissions" && <PermissionsTab policy={Policy} caller={caller} />}
          {tab === "entities" && <EntitiesTab policy={Policy} caller={caller} />}
          {tab === "versions" && <VersionsTab policy={Policy} caller={caller} viewVersionId={param(query, "version")} />}
        </>
      )}
    </div>
  );
}
