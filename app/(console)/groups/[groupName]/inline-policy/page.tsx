import { requireCaller } from "@/lib/auth/session";
import { GetGroupPolicy } from "@/lib/iam/policies/inline";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { InlinePolicyForm } from "@/components/policies/InlinePolicyForm";
import { prettyPolicyDocument } from "@/components/policies/PolicyDocumentView";
import { STARTER_POLICY } from "@/components/policies/policyDraft";
import { param, type SearchParams } from "@/components/table/queryHref";
import { groupHref } from "@/components/groups/groupHref";
import { readOperation } from "../../../_server/readOperation";
import { putGroupInlinePolicy } from "../inlinePolicyActions";

export const dynamic = "force-dynamic";

/** Create an inline policy for the group, or (`?name=`) edit one, in the policy editor. */
export default async function GroupInlinePolicyPage({ params, searchParams }: { params: Promise<{ groupName: string }>; searchParams: Promise<SearchParams> }) {
  const groupName = decodeURIComponent((await params).groupName);
  const policyName = param(await searchParams, "name");
  const caller = await requireCaller();
  const back = groupHref(groupName, "permissions");
  const title = policyName ? `Edit inline policy ${policyName}` : "Create inline policy";
  const header = (
    <PageHeader
      breadcrumbs={<Breadcrumbs trail={[{ label: "User groups", href: "/groups" }, { label: groupName, href: back }, { label: policyName ?? "Create inline policy" }]} />}
      title={title}
      description={`Inline policies apply to group ${groupName} and its members. A group's inline policies may total 5,120 characters, not counting white space.`}
    />
  );
  if (!policyName) {
    return (
      <div className="flex flex-col gap-5">
        {header}
        <InlinePolicyForm ownerLabel={`group ${groupName}`} container="group-inline" initialDocument={STARTER_POLICY} cancelHref={back} save={putGroupInlinePolicy.bind(null, groupName, true)} />
      </div>
    );
  }
  const existing = await readOperation(GetGroupPolicy, { GroupName: groupName, PolicyName: policyName }, caller);
  return (
    <div className="flex flex-col gap-5">
      {header}
      {existing.ok ? (
        <InlinePolicyForm
          ownerLabel={`group ${groupName}`}
          container="group-inline"
          existingName={existing.value.PolicyName}
          initialDocument={prettyPolicyDocument(existing.value.PolicyDocument)}
          cancelHref={back}
          save={putGroupInlinePolicy.bind(null, groupName, false)}
        />
      ) : (
        <ErrorPanel error={existing.error} />
      )}
    </div>
  );
}
