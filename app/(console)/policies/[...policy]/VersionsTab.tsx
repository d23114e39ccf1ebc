import type { Caller } from "@/lib/auth/caller";
import { ListPolicyVersions } from "@/lib/iam/policies/versions";
import { GetPolicyVersion } from "@/lib/iam/policies/versions";
import type { PolicyView } from "@/lib/iam/policies/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { Panel } from "@/components/console/Panel";
import { PolicyDocumentView } from "@/components/policies/PolicyDocumentView";
import { PolicyVersionsTable } from "@/components/policies/PolicyVersionsTable";
import { readOperation } from "../../_server/readOperation";
import { deletePolicyVersion, setDefaultPolicyVersion } from "./actions";

/** AWS keeps at most five versions of a managed policy. */
const MAX_VERSIONS = 5;

/** Every version (newest first), the chosen one's document below, and set-default / delete per version. */
export async function VersionsTab({ policy, caller, viewVersionId }: { policy: PolicyView; caller: Caller; viewVersionId?: string }) {
  const listed = await readOperation(ListPolicyVersions, { PolicyArn: policy.Arn }, caller);
  if (!listed.ok) return <ErrorPanel error={listed.error} />;
  const versions = [...listed.value.Versions].sort((a, b) => Number(b.VersionId.slice(1)) - Number(a.VersionId.slice(1)));
  const shown = versions.find((v) => v.VersionId === viewVersionId) ?? versions.find((v) => v.IsDefaultVersion) ?? versions[0];
  const document = shown ? await readOperation(GetPolicyVersion, { PolicyArn: policy.Arn, VersionId: shown.VersionId }, caller) : undefined;
  return (
    <div className="flex flex-col gap-4">
      <Panel
        title={`Policy versions (${versions.length} of ${MAX_VERSIONS})`}
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
        />
      </Panel>
      {shown && document && (
        <Panel
          title={`Version ${shown.VersionId}${shown.IsDefaultVersion ? " (default)" : ""}`}
          description="The policy document of this version."
          testId="policy-version-document"
        >
          {document.ok ? (
            <PolicyDocumentView document={document.value.PolicyVersion.Document} label={`${policy.PolicyName} version ${shown.VersionId} document`} />
          ) : (
            <ErrorPanel error={document.error} />
          )}
        </Panel>
      )}
    </div>
  );
}
