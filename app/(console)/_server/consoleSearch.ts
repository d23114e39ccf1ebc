"use server";

// The command palette's search: the first few users, groups, roles and policies whose names contain what
// was typed, through the List operations (Filter, small MaxItems), as the pickers search. The kinds
// the caller may not list are asked about first, in one GetCallerPermissions call, and are then not
// searched at all: a person without ListUsers sees "not searched", and the audit log is not filled
// with a denial for every keystroke.

import type { Caller } from "@/lib/auth/caller";
import { requireCaller } from "@/lib/auth/session";
import type { Operation } from "@/lib/iam/core/operation";
import { ListGroups } from "@/lib/iam/groups/groups";
import type { PermissionCheck } from "@/lib/iam/policies/callerPermissions";
import { ListPolicies } from "@/lib/iam/policies/managed";
import { ListRoles } from "@/lib/iam/roles/roles";
import { ListUsers } from "@/lib/iam/users/users";
import { PALETTE_MATCHES_PER_KIND, PALETTE_QUERY_MAX, type EntityKind, type KindMatches, type PaletteEntity } from "@/components/commandPalette/paletteSearch";
import { groupHref } from "@/components/groups/groupHref";
import { isDenied } from "@/components/permissions/controlPermission";
import { policyHref } from "@/components/policies/policyHref";
import { roleHref } from "@/components/roles/roleHref";
import { userHref } from "@/components/users/userHref";
import { pagePermissions } from "./pagePermissions";
import { readOperation } from "./readOperation";

interface Source {
  // Operations differ in input types; a source only needs to name its list for the permission check.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly list: Operation<any, any>;
  readonly search: (filter: string, caller: Caller) => Promise<{ entities: PaletteEntity[]; more: boolean } | undefined>;
}

const page = { MaxItems: PALETTE_MATCHES_PER_KIND };
const pathDetail = (path: string) => (path === "/" ? undefined : path);

const SOURCES: Readonly<Record<EntityKind, Source>> = {
  users: {
    list: ListUsers,
    search: async (Filter, caller) => {
      const read = await readOperation(ListUsers, { Filter, ...page }, caller);
      if (!read.ok) return undefined;
      return { entities: read.value.Users.map((u) => ({ name: u.UserName, href: userHref(u.UserName), detail: pathDetail(u.Path) })), more: read.value.IsTruncated };
    },
  },
  groups: {
    list: ListGroups,
    search: async (Filter, caller) => {
      const read = await readOperation(ListGroups, { Filter, ...page }, caller);
      if (!read.ok) return undefined;
      return { entities: read.value.Groups.map((g) => ({ name: g.GroupName, href: groupHref(g.GroupName), detail: pathDetail(g.Path) })), more: read.value.IsTruncated };
    },
  },
  roles: {
    list: ListRoles,
    search: async (Filter, caller) => {
      const read = await readOperation(ListRoles, { Filter, ...page }, caller);
      if (!read.ok) return undefined;
      return { entities: read.value.Roles.map((r) => ({ name: r.RoleName, href: roleHref(r.RoleName), detail: pathDetail(r.Path) })), more: read.value.IsTruncated };
    },
  },
  policies: {
    list: ListPolicies,
    search: async (Filter, caller) => {
      const read = await readOperation(ListPolicies, { Scope: "All", Filter, ...page }, caller);
      if (!read.ok) return undefined;
      return {
        entities: read.value.Policies.map((p) => ({ name: p.PolicyName, href: policyHref(p.Arn), detail: p.IsAwsManaged ? "AWS managed" : "Customer managed" })),
        more: read.value.IsTruncated,
      };
    },
  },
};

export async function searchConsole(text: string): Promise<readonly KindMatches[]> {
  const filter = String(text ?? "").trim().slice(0, PALETTE_QUERY_MAX);
  if (!filter) return [];
  const caller = await requireCaller();
  const kinds = Object.keys(SOURCES) as EntityKind[];
  const checks = Object.fromEntries(kinds.map((kind) => [kind, { Operation: SOURCES[kind].list, Input: page }])) as Record<EntityKind, PermissionCheck>;
  const permissions = await pagePermissions(caller, checks);
  return Promise.all(
    kinds.map(async (kind): Promise<KindMatches> => {
      if (isDenied(permissions[kind])) return { kind, unlisted: true };
      // A list refused after all (a condition the question could not foresee) is "not searched" too.
      const found = await SOURCES[kind].search(filter, caller);
      return found ? { kind, ...found } : { kind, unlisted: true };
    }),
  );
}
