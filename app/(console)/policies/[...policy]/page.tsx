import { notFound } from "next/navigation";
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
import { LastAccessedSection } from "../../_server/LastAccessedSection";
import { deletePolicy } from "./actions";
import { EditPolicyView } from "./EditPolicyView";
import { EntitiesTab } from "./EntitiesTab";
import { loadPolicyPage, POLICY_TABS } from "./loadPolicyPage";
import { PermissionsTab } from "./PermissionsTab";
import { VersionsTab } from "./VersionsTab";

export const dynamic = "force-dynamic";

/**
 * A managed policy: summary, then its document, who it is attached to and its versions. Customer
 * managed policies can be edited (`?edit=1`, saved as a new version) and deleted; AWS managed
 * policies are read-only, so those buttons are not offered for them.
 */
export default async function PolicyPage({ params, searchParams }: { params: Promise<{ policy: string[] }>; searchParams: Promise<SearchParams> }) {
  const segments = (await params).policy;
  const query = await searchParams;
  const tab = POLICY_TABS.find((t) => t.id === param(query, "tab"))?.id ?? "permissions";
  const caller = await requireCaller();
  const { resolved, data, controls } = await loadPolicyPage(caller, segments, param(query, "edit") === "1" ? "edit" : tab, param(query, "version"));
  if (!resolved.ok && resolved.error.code === "NoSuchEntity") notFound();
  const fallbackName = decodeURIComponent(segments.at(-1) ?? "");
  if (!resolved.ok || !data || !controls) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeader breadcrumbs={<Breadcrumbs trail={[{ label: "Policies", href: "/policies" }, { label: fallbackName }]} />} title={fallbackName} />
        {!resolved.ok && <ErrorPanel error={resolved.error} />}
      </div>
    );
  }
  const { Policy } = resolved.value;
  const href = policyHref(Policy.Arn);
  const editing = data.view === "edit";
  const trail = [{ label: "Policies", href: "/policies" }, { label: Policy.PolicyName, href: editing ? href : undefined }, ...(editing ? [{ label: "Edit" }] : [])];
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        breadcrumbs={<Breadcrumbs trail={trail} />}
        title={<span data-testid="policy-title">{editing ? `Edit ${Policy.PolicyName}` : Policy.PolicyName}</span>}
        badge={<PolicyTypeBadge awsManaged={Policy.IsAwsManaged} />}
        description={Policy.Description || undefined}
        actions={
          Policy.IsAwsManaged || editing ? undefined : (
            <>
              <ButtonLink href={`${href}?edit=1`} variant="secondary" testId="edit-policy" permission={controls.editPolicy}>
                Edit
              </ButtonLink>
              <DeletePolicyDialog policyName={Policy.PolicyName} attachmentCount={Policy.AttachmentCount} deletePolicy={deletePolicy.bind(null, Policy.Arn, Policy.PolicyName)}
                permission={controls.deletePolicy}
              />
            </>
          )
        }
      />
      {data.view === "edit" ? (
        <EditPolicyView policy={Policy} data={data} />
      ) : (
        <>
          <SummaryPanel
            testId="policy-summary"
            items={[
              { label: "ARN", value: <code className="font-mono text-xs">{Policy.Arn}</code>, testId: "policy-arn", copy: { value: Policy.Arn, label: "Copy ARN" } },
              { label: "Type", value: Policy.IsAwsManaged ? "AWS managed (read-only)" : "Customer managed" },
              { label: "Default version", value: Policy.DefaultVersionId, testId: "policy-default-version" },
              { label: "Created", value: <DateTime value={Policy.CreateDate} /> },
              { label: "Last edited", value: <DateTime value={Policy.UpdateDate} /> },
              { label: "Attached entities", value: Policy.AttachmentCount },
            ]}
          />
          <Tabs label="Policy details" tabs={POLICY_TABS} current={data.view} hrefFor={(id) => `${href}?tab=${id}`} />
          {data.view === "permissions" && <PermissionsTab policy={Policy} data={data} />}
          {data.view === "entities" && <EntitiesTab policy={Policy} data={data} controls={controls} />}
          {data.view === "versions" && <VersionsTab policy={Policy} data={data} controls={controls} />}
          {data.view === "last-accessed" && (
            <LastAccessedSection arn={Policy.Arn} caller={caller} path={href} query={query} policies="this policy" attemptsBy="the users and roles it is attached to, directly or through a group," />
          )}
        </>
      )}
    </div>
  );
}
