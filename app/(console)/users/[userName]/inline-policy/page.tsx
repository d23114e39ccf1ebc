import { requireCaller } from "@/lib/auth/session";
import { GetUserPolicy } from "@/lib/iam/policies/inline";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { InlinePolicyForm } from "@/components/policies/InlinePolicyForm";
import { prettyPolicyDocument } from "@/components/policies/PolicyDocumentView";
import { STARTER_POLICY } from "@/components/policies/policyDraft";
import { param, type SearchParams } from "@/components/table/queryHref";
import { userHref } from "@/components/users/userHref";
import { readOperation } from "../../../_server/readOperation";
import { putUserInlinePolicy } from "../inlinePolicyActions";

export const dynamic = "force-dynamic";

/** Create an inline policy for the user, or (`?name=`) edit one, in the policy editor. */
export default async function UserInlinePolicyPage({ params, searchParams }: { params: Promise<{ userName: string }>; searchParams: Promise<SearchParams> }) {
  const userName = decodeURIComponent((await params).userName);
  const policyName = param(await searchParams, "name");
  const caller = await requireCaller();
  const back = userHref(userName, "permissions");
  const title = policyName ? `Edit inline policy ${policyName}` : "Create inline policy";
  const header = (
    <PageHeader
      breadcrumbs={<Breadcrumbs trail={[{ label: "Users", href: "/users" }, { label: userName, href: back }, { label: policyName ?? "Create inline policy" }]} />}
      title={title}
      description={`Inline policies apply to user ${userName} only. A user's inline policies may total 2,048 characters, not counting white space.`}
    />
  );
  if (!policyName) {
    return (
      <div className="flex flex-col gap-5">
        {header}
        <InlinePolicyForm ownerLabel={`user ${userName}`} container="user-inline" initialDocument={STARTER_POLICY} cancelHref={back} save={putUserInlinePolicy.bind(null, userName, true)} />
      </div>
    );
  }
  const existing = await readOperation(GetUserPolicy, { UserName: userName, PolicyName: policyName }, caller);
  return (
    <div className="flex flex-col gap-5">
      {header}
      {existing.ok ? (
        <InlinePolicyForm
          ownerLabel={`user ${userName}`}
          container="user-inline"
          existingName={existing.value.PolicyName}
          initialDocument={prettyPolicyDocument(existing.value.PolicyDocument)}
          cancelHref={back}
          save={putUserInlinePolicy.bind(null, userName, false)}
        />
      ) : (
        <ErrorPanel error={existing.error} />
      )}
    </div>
  );
}
