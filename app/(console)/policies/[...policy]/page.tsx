import Link from "next/link";
import { requireCaller } from "@/lib/auth/session";
import type { Caller } from "@/lib/auth/caller";
import { GetPolicy, GetPolicyVersion, ListEntitiesForPolicy, ListPolicies } from "@/lib/iam/policies";
import type { PolicyView } from "@/lib/iam/views";
import type { IamErrorView } from "@/lib/iam/errors";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { SummaryPanel } from "@/components/console/SummaryPanel";
import { Tabs } from "@/components/console/Tabs";
import { PolicyDocumentView } from "@/components/policies/PolicyDocumentView";
import { PolicyTypeBadge } from "@/components/policies/PolicyTypeBadge";
import { policyHref } from "@/components/policies/policyHref";
import { groupHref } from "@/components/groups/groupHref";
import { userHref } from "@/components/users/userHref";
import { param, type SearchParams } from "@/components/table/queryHref";
import { readOperation, type ReadResult } from "../../_server/readOperation";

export const dynamic = "force-dynamic";

const TABS = [
  { id: "permissions", label: "Permissions" },
  { id: "entities", label: "Entities attached" },
] as const;

/**
 * /policies/<ARN, URL-encoded> or /policies/<name>. A name is looked up with ListPolicies
 * (the account's own policy first, then AWS's), so links like /policies/IAMReadOnlyAccess work.
 */
async function resolvePolicy(segments: string[], caller: Caller): Promise<ReadResult<{ Policy: PolicyView }>> {
  const reference = segments.map(decodeURIComponent).join("/");
  if (reference.startsWith("arn:")) return readOperation(GetPolicy, { PolicyArn: reference }, caller);
  const listed = await readOperation(ListPolicies, { Scope: "All", Filter: reference, MaxItems: 1000 }, caller);
  if (!listed.ok) return listed;
  const matches = listed.value.Policies.filter((policy) => policy.PolicyName.toLowerCase() === reference.toLowerCase());
  const policy = matches.find((p) => !p.IsAwsManaged) ?? matches[0];
  if (!policy) {
    const error: IamErrorView = { code: "NoSuchEntity", message: `No managed policy is named ${reference}.` };
    return { ok: false, error };
  }
  return { ok: true, value: { Policy: policy } };
}

export default async function PolicyPage({ params, searchParams }: { params: Promise<{ policy: string[] }>; searchParams: Promise<SearchParams> }) {
  const segments = (await params).policy;
  const requestedTab = param(await searchParams, "tab");
  const tab = TABS.find((t) => t.id === requestedTab)?.id ?? "permissions";
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
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        breadcrumbs={<Breadcrumbs trail={[{ label: "Policies", href: "/policies" }, { label: Policy.PolicyName }]} />}
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span data-testid="policy-title">{Policy.PolicyName}</span>
            <PolicyTypeBadge awsManaged={Policy.IsAwsManaged} />
          </span>
        }
        description={Policy.Description || undefined}
      />
      <SummaryPanel
        testId="policy-summary"
        items={[
          { label: "ARN", value: <code className="font-mono text-xs">{Policy.Arn}</code>, testId: "policy-arn" },
          { label: "Type", value: Policy.IsAwsManaged ? "AWS managed (read-only)" : "Customer managed" },
          { label: "Default version", value: Policy.DefaultVersionId },
          { label: "Created", value: <DateTime value={Policy.CreateDate} /> },
          { label: "Last edited", value: <DateTime value={Policy.UpdateDate} /> },
          { label: "Attached entities", value: Policy.AttachmentCount },
        ]}
      />
      <Tabs label="Policy details" tabs={TABS} current={tab} hrefFor={(id) => `${policyHref(Policy.Arn)}?tab=${id}`} />
      {tab === "permissions" ? <DocumentTab policy={Policy} caller={caller} /> : <EntitiesTab policy={Policy} caller={caller} />}
    </div>
  );
}

async function DocumentTab({ policy, caller }: { policy: PolicyView; caller: Caller }) {
  const version = await readOperation(GetPolicyVersion, { PolicyArn: policy.Arn, VersionId: policy.DefaultVersionId }, caller);
  return (
    <Panel title="Permissions defined in this policy" description={`Policy document, version ${policy.DefaultVersionId} (default).`} testId="policy-permissions">
      {version.ok ? (
        <PolicyDocumentView document={version.value.PolicyVersion.Document} label={`${policy.PolicyName} policy document`} />
      ) : (
        <ErrorPanel error={version.error} />
      )}
    </Panel>
  );
}

async function EntitiesTab({ policy, caller }: { policy: PolicyView; caller: Caller }) {
  const entities = await readOperation(ListEntitiesForPolicy, { PolicyArn: policy.Arn }, caller);
  if (!entities.ok) return <ErrorPanel error={entities.error} />;
  const { PolicyUsers, PolicyGroups, PolicyRoles } = entities.value;
  const rows = [
    ...PolicyGroups.map((g) => ({ key: g.GroupId, name: g.GroupName, type: "Group", href: groupHref(g.GroupName, "permissions") })),
    ...PolicyUsers.map((u) => ({ key: u.UserId, name: u.UserName, type: "User", href: userHref(u.UserName) })),
    ...PolicyRoles.map((r) => ({ key: r.RoleId, name: r.RoleName, type: "Role", href: undefined })),
  ];
  return (
    <Panel title={`Entities attached (${rows.length})`} description="The users, groups and roles in this account that this policy is attached to." testId="policy-entities">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">This policy is not attached to anything in this account.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="policy-entities-list">
          {rows.map((row) => (
            <li key={row.key} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
              {row.href ? (
                <Link href={row.href} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
                  {row.name}
                </Link>
              ) : (
                <span className="font-medium wrap-anywhere">{row.name}</span>
              )}
              <span className="text-slate-600">{row.type}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
