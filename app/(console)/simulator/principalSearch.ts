"use server";

// The simulator's principal picker: the users, groups and roles whose names contain the typed text,
// a few of each, by one List operation call per kind (the account may have 5,000 users).

import { requireCaller } from "@/lib/auth/session";
import { ListGroups } from "@/lib/iam/groups/groups";
import { ListRoles } from "@/lib/iam/roles/roles";
import { ListUsers } from "@/lib/iam/users/users";
import type { PrincipalOption } from "@/components/simulator/principalOption";
import { readOperation } from "../_server/readOperation";

const PER_KIND = 8;

export async function searchPrincipals(text: string): Promise<PrincipalOption[]> {
  const caller = await requireCaller();
  const input = { Filter: String(text ?? "").trim().slice(0, 128) || undefined, MaxItems: PER_KIND };
  const [users, groups, roles] = await Promise.all([readOperation(ListUsers, input, caller), readOperation(ListGroups, input, caller), readOperation(ListRoles, input, caller)]);
  // A kind the caller may not list is left out; the others still help.
  return [
    ...(users.ok ? users.value.Users.map((u) => ({ arn: u.Arn, name: u.UserName, kind: "user" as const })) : []),
    ...(groups.ok ? groups.value.Groups.map((g) => ({ arn: g.Arn, name: g.GroupName, kind: "group" as const })) : []),
    ...(roles.ok ? roles.value.Roles.map((r) => ({ arn: r.Arn, name: r.RoleName, kind: "role" as const })) : []),
  ];
}
