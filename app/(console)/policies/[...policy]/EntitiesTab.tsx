import type { Caller } from "@/lib/auth/caller";
import { ListGroups } from "@/lib/iam/groups/groups";
import { ListEntitiesForPolicy } from "@/lib/iam/policies/managed";
import { ListUsers } from "@/lib/iam/users/users";
import type { PolicyView } from "@/lib/iam/policies/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { EntitiesAttachedPanel } from "@/components/policies/EntitiesAttachedPanel";
import { readOperation } from "../../_server/readOperation";
import { attachPolicyToEntities, detachPolicyFromEntity } from "./actions";

// The attach picker offers the first 1,000 users and the account's groups (300 at most).
const PICKER_USERS = 1000;
const PICKER_GROUPS = 300;

export async function EntitiesTab({ policy, caller }: { policy: PolicyView; caller: Caller }) {
  const [entities, users, groups] = await Promise.all([
    readOperation(ListEntitiesForPolicy, { PolicyArn: policy.Arn }, caller),
    readOperation(ListUsers, { MaxItems: PICKER_USERS }, caller),
    readOperation(ListGroups, { MaxItems: PICKER_GROUPS }, caller),
  ]);
  if (!entities.ok) return <ErrorPanel error={entities.error} />;
  const pickerError = !users.ok ? users.error : !groups.ok ? groups.error : undefined;
  return (
    <EntitiesAttachedPanel
      policyName={policy.PolicyName}
      attached={entities.value}
      candidates={{ users: users.ok ? users.value.Users.map((u) => u.UserName) : [], groups: groups.ok ? groups.value.Groups.map((g) => g.GroupName) : [] }}
      pickerError={pickerError}
      attach={attachPolicyToEntities.bind(null, policy.Arn)}
      detach={detachPolicyFromEntity.bind(null, policy.Arn)}
    />
  );
}
