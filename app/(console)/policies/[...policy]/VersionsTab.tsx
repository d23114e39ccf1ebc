import type { PolicyView } from "@/lib/iam/policies/entity";
import { QUOTAS } from "@/lib/iam/core/rules";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { Panel } from "@/components/console/Panel";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { PolicyDocumentView } from "@/components/policies/PolicyDocumentView";
import { PolicyVersionsTable } from "@/components/policies/PolicyVersionsTable";
import { deletePolicyVersion, setDefaultPolicyVersion } from "./actions";
import type { PolicyViewData } from "./loadPolicyPage";

/** Every version (newest first), the chosen one's document below, and set-default / delete per version. */
export function VersionsTab({
  policy,
  data,
  controls,
}: {
  policy: PolicyView;
  data: Extract<PolicyViewData, { view: "versions" }>;
  /** The page's buttons, as policyPageChecks names them. */
  controls: Record<string, ControlPermission>;
}) {
  if (!data.versions.ok) return <ErrorPanel error={data.versions.error} />;
  const versions = data.versions.value.Versions;
  const shown = versions.find((v) => v.VersionId === data.shownVersionId);
  return (
    <div className="flex flex-col gap-4">
      <Panel
        title={`Policy versions (${versions.length} of ${QUOTAS.VersionsPerPolicy})`}
        description={
          policy.IsAwsManaged
            ? "AWS maintains the versions of AWS managed policies."
            : "A managed policy keeps up to five versions. The default version is the one that applies; set another as default to roll back."
        }
        testId="policy-versions"
      >
        <PolicyVersionsTable
          policyArn={policy.Arn}
          versions={versions}
          shownVersionId={shown?.VersionId}
          readOnly={policy.IsAwsManaged}
          setDefault={setDefaultPolicyVersion.bind(null, policy.Arn)}
          remove={deletePolicyVersion.bind(null, policy.Arn)}
          permissions={{ setDefault: controls.setDefaultVersion, remove: controls.deleteVersion }}
        />
      </Panel>
      <Panel
        title={`Version ${data.shownVersionId}${shown?.IsDefaultVersion ? " (default)" : ""}`}
        description="The policy document of this version."
        testId="policy-version-document"
      >
        {data.document.ok ? (
          <PolicyDocumentView document={data.document.value.PolicyVersion.Document} label={`${policy.PolicyName} version ${data.shownVersionId} document`} />
        ) : (
          <ErrorPanel error={data.document.error} />
        )}
      </Panel>
    </div>
  );
}
