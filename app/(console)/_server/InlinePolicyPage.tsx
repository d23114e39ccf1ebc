import { requireCaller } from "@/lib/auth/session";
import { isIamError, toErrorView } from "@/lib/iam/core/errors";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { InlinePolicyForm } from "@/components/policies/InlinePolicyForm";
import { prettyPolicyDocument } from "@/components/policies/PolicyDocumentView";
import { STARTER_POLICY } from "@/components/policies/policyDraft";
import { putInlinePolicy } from "./inlinePolicyActions";
import { inlinePolicyKind, type InlinePolicyOwner } from "./inlinePolicyOwner";

/** Create an inline policy for a user, group or role, or (with a policy name) edit one, in the policy editor. */
export async function InlinePolicyPage({ owner, policyName }: { owner: InlinePolicyOwner; policyName?: string }) {
  const caller = await requireCaller();
  const kind = inlinePolicyKind(owner);
  const back = kind.href("permissions");
  const header = (
    <PageHeader
      breadcrumbs={<Breadcrumbs trail={[{ label: kind.listLabel, href: kind.listHref }, { label: owner.name, href: back }, { label: policyName ?? "Create inline policy" }]} />}
      title={policyName ? `Edit inline policy ${policyName}` : "Create inline policy"}
      description={kind.description}
    />
  );
  const form = (existing?: { PolicyName: string; PolicyDocument: string }) => (
    <InlinePolicyForm
      ownerLabel={kind.label}
      container={kind.container}
      existingName={existing?.PolicyName}
      initialDocument={existing ? prettyPolicyDocument(existing.PolicyDocument) : STARTER_POLICY}
      cancelHref={back}
      save={putInlinePolicy.bind(null, owner, !existing)}
    />
  );
  let body: React.ReactNode;
  if (!policyName) body = form();
  else {
    try {
      body = form(await kind.get(caller, policyName));
    } catch (error) {
      if (!isIamError(error)) throw error;
      body = <ErrorPanel error={toErrorView(error)} />;
    }
  }
  return (
    <div className="flex flex-col gap-5">
      {header}
      {body}
    </div>
  );
}
