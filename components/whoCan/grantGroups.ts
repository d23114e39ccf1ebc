// An auditor reads "AdministratorAccess allows all 190 IAM actions on *" rather than 190 identical
// rows: a service's actions whose grants read the same (same resources, decisions, statements,
// conditions and limits) are shown as one row that lists them.

import type { ActionPermission, ResourceGrant } from "@/lib/iam/policies/principalPermissions";

export interface GrantGroup {
  readonly actions: readonly ActionPermission[];
  readonly grants: readonly ResourceGrant[];
}

/** What a reader sees of an action's grants: everything but the engine's sentence, which names the action. */
function signature(action: ActionPermission): string {
  return JSON.stringify(action.Grants.map(({ Summary: _summary, ...shown }) => shown));
}

/** The service's actions grouped by how their grants read, in the order of each group's first action. */
export function grantGroups(actions: readonly ActionPermission[]): GrantGroup[] {
  const groups = new Map<string, { actions: ActionPermission[]; grants: readonly ResourceGrant[] }>();
  for (const action of actions) {
    const key = signature(action);
    const group = groups.get(key);
    if (group) group.actions.push(action);
    else groups.set(key, { actions: [action], grants: action.Grants });
  }
  return [...groups.values()];
}
