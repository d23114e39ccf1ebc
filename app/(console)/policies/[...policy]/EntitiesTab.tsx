import type { PolicyView } from "@/lib/iam/policies/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { EntitiesAttachedPanel } from "@/components/policies/EntitiesAttachedPanel";
import { searchGroups, searchUsers } from "../../_server/pickerSearch";
import { attachPolicyToEntities, detachPolicyFromEntity } from "./actions";
import type { PolicyViewData } from "./loadPolicyPage";

export function EntitiesTab({ policy, data }: { policy: PolicyView; data: Extract<PolicyViewData, { view: "entities" }> }) {
  if (!data.entities.ok) return <ErrorPanel error={data.entities.error} />;
  return (
    <EntitiesAttachedPanel
      policyName={policy.PolicyName}
      attached={data.entities.value}
      searchUsers={searchUsers}
      searchGroups={searchGroups}
      attach={attachPolicyToEntities.bind(null, policy.Arn)}
      detach={detachPolicyFromEntity.bind(null, policy.Arn)}
    />
  );
}
