import type { PolicyView } from "@/lib/iam/policies/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { PolicyVersionEditor } from "@/components/policies/PolicyVersionEditor";
import { prettyPolicyDocument } from "@/components/policies/PolicyDocumentView";
import { policyHref } from "@/components/policies/policyHref";
import { savePolicyVersion } from "./actions";
import type { PolicyViewData } from "./loadPolicyPage";

/** "Edit": the editor opens on the default version's document; saving makes a new version. */
export function EditPolicyView({ policy, data }: { policy: PolicyView; data: Extract<PolicyViewData, { view: "edit" }> }) {
  if (!data.document.ok) return <ErrorPanel error={data.document.error} />;
  if (!data.versions.ok) return <ErrorPanel error={data.versions.error} />;
  return (
    <PolicyVersionEditor
      policyName={policy.PolicyName}
      policyHref={policyHref(policy.Arn)}
      baseVersionId={policy.DefaultVersionId}
      initialDocument={prettyPolicyDocument(data.document.value.PolicyVersion.Document)}
      versions={data.versions.value.Versions}
      save={savePolicyVersion.bind(null, policy.Arn)}
    />
  );
}
