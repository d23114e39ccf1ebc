import type { PolicyView } from "@/lib/iam/policies/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { anyOf, type ControlPermission } from "@/components/permissions/controlPermission";
import { EntitiesAttachedPanel } from "@/components/policies/EntitiesAttachedPanel";
import { searchGroups, searchUsers } from "../../_server/pickerSearch";
import { attachPolicyToEntities, detachPolicyFromEntity } from "./actions";
import type { PolicyViewData } from "./loadPolicyPage";

export function EntitiesTab({
  policy,
  data,
  controls,
}: {
  policy: PolicyView;
  data: Extract<PolicyViewData, { view: "entities" }>;
  /** The page's buttons, as policyPageChecks names them. */
  controls: Record<string, ControlPermission>;
}) {
  if (!data.entities.ok) return <ErrorPanel error={data.entities.error} />;
  return (
    <EntitiesAttachedPanel
      policyName={policy.PolicyName}
      attached={data.entities.value}
      searchUsers={searchUsers}
      searchGroups={searchGroups}
      attach={attachPolicyToEntities.bind(null, policy.Arn)}
      detach={detachPolicyFromEntity.bind(null, policy.Arn)}
      permissions={{
        attach: anyOf(controls.attachToUser, controls.attachToGroup),
        detachFromUser: controls.detachFromUser,
        detachFromGroup: controls.detachFromGroup,
      }}
    />
  );
}
