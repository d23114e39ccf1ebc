import type { PolicyView } from "@/lib/iam/policies/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { Panel } from "@/components/console/Panel";
import { PolicyDocumentView } from "@/components/policies/PolicyDocumentView";
import type { PolicyViewData } from "./loadPolicyPage";

/** The default version's document, read-only (the page header's "Edit" opens it in the editor). */
export function PermissionsTab({ policy, data }: { policy: PolicyView; data: Extract<PolicyViewData, { view: "permissions" }> }) {
  return (
    <Panel title="Permissions defined in this policy" description={`Policy document, version ${policy.DefaultVersionId} (default).`} testId="policy-permissions">
      {data.document.ok ? (
        <PolicyDocumentView document={data.document.value.PolicyVersion.Document} label={`${policy.PolicyName} policy document`} />
      ) : (
        <ErrorPanel error={data.document.error} />
      )}
    </Panel>
  );
}
