import type { Caller } from "@/lib/auth/caller";
import { ListPolicyVersions } from "@/lib/iam/policies/versions";
import { GetPolicyVersion } from "@/lib/iam/policies/versions";
import type { PolicyView } from "@/lib/iam/policies/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { PolicyVersionEditor } from "@/components/policies/PolicyVersionEditor";
import { prettyPolicyDocument } from "@/components/policies/PolicyDocumentView";
import { policyHref } from "@/components/policies/policyHref";
import { readOperation } from "../../_server/readOperation";
import { savePolicyVersion } from "./actions";

/** "Edit": the editor opens on the default version's document; saving makes a new version. */
export async function EditPolicyView({ policy, caller }: { policy: PolicyView; caller: Caller }) {
  const [current, versions] = await Promise.all([
    readOperation(GetPolicyVersion, { PolicyArn: policy.Arn, VersionId: policy.DefaultVersionId }, caller),
    readOperation(ListPolicyVersions, { PolicyArn: policy.Arn }, caller),
  ]);
  if (!current.ok) return <ErrorPanel error={current.error} />;
  if (!versions.ok) return <ErrorPanel error={versions.error} />;
  return (
    <PolicyVersionEditor
      policyName={policy.PolicyName}
      policyHref={policyHref(policy.Arn)}
      baseVersionId={policy.DefaultVersionId}
      initialDocument={prettyPolicyDocument(current.value.PolicyVersion.Document)}
      versions={versions.value.Versions}
      save={savePolicyVersion.bind(null, policy.Arn)}
    />
  );
}
