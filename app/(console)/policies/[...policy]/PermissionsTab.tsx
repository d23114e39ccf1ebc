import type { Caller } from "@/lib/auth/caller";
import { GetPolicyVersion } from "@/lib/iam/policies/versions";
import type { PolicyView } from "@/lib/iam/policies/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { Panel } from "@/components/console/Panel";
import { PolicyDocumentView } from "@/components/policies/PolicyDocumentView";
import { readOperation } from "../../_server/readOperation";

/** The default version's document, read-only (the page header's "Edit" opens it in the editor). */
export async function PermissionsTab({ policy, caller }: { policy: PolicyView; caller: Caller }) {
  const version = await readOperation(GetPolicyVersion, { PolicyArn: policy.Arn, VersionId: policy.DefaultVersionId }, caller);
  return (
    <Panel
      title="Permissions defined in this policy"
      description={`Policy document, version ${policy.DefaultVersionId} (default).`}
      testId="policy-permissions"
    >
      {version.ok ? (
        <PolicyDocumentView document={version.value.PolicyVersion.Document} label={`${policy.PolicyName} policy document`} />
      ) : (
        <ErrorPanel error={version.error} />
      )}
    </Panel>
  );
}
