// Whose inline policies a page edits: a user's, a group's or a role's. One description of each
// kind, so the inline-policy actions and page are written once for all three.

import type { Caller } from "@/lib/auth/caller";
import { execute } from "@/lib/iam/core/operation";
import { QUOTAS } from "@/lib/iam/core/rules";
import { DeleteGroupPolicy, DeleteRolePolicy, DeleteUserPolicy, GetGroupPolicy, GetRolePolicy, GetUserPolicy, PutGroupPolicy, PutRolePolicy, PutUserPolicy } from "@/lib/iam/policies/inline";
import type { PolicyContainer } from "@/lib/policy";
import { groupHref } from "@/components/groups/groupHref";
import { roleHref } from "@/components/roles/roleHref";
import { userHref } from "@/components/users/userHref";

export interface InlinePolicyOwner {
  readonly kind: "user" | "group" | "role";
  readonly name: string;
}

export interface InlinePolicyKind {
  readonly label: string;
  readonly listLabel: string;
  readonly listHref: string;
  readonly href: (tab?: string) => string;
  readonly container: Extract<PolicyContainer, "user-inline" | "group-inline" | "role-inline">;
  readonly description: string;
  readonly get: (caller: Caller, policyName: string) => Promise<{ PolicyName: string; PolicyDocument: string }>;
  readonly put: (caller: Caller, policyName: string, document: string, createOnly: boolean) => Promise<unknown>;
  readonly remove: (caller: Caller, policyName: string) => Promise<unknown>;
}

const chars = (n: number) => n.toLocaleString("en-US");

export function inlinePolicyKind({ kind, name }: InlinePolicyOwner): InlinePolicyKind {
  if (kind === "user") {
    return {
      label: `user ${name}`,
      listLabel: "Users",
      listHref: "/users",
      href: (tab) => userHref(name, tab),
      container: "user-inline",
      description: `Inline policies apply to user ${name} only. A user's inline policies may total ${chars(QUOTAS.InlinePolicySizePerUser)} characters, not counting white space.`,
      get: (caller, PolicyName) => execute(GetUserPolicy, { UserName: name, PolicyName }, caller),
      put: (caller, PolicyName, PolicyDocument, CreateOnly) => execute(PutUserPolicy, { UserName: name, PolicyName, PolicyDocument, CreateOnly }, caller),
      remove: (caller, PolicyName) => execute(DeleteUserPolicy, { UserName: name, PolicyName }, caller),
    };
  }
  if (kind === "role") {
    return {
      label: `role ${name}`,
      listLabel: "Roles",
      listHref: "/roles",
      href: (tab) => roleHref(name, tab),
      container: "role-inline",
      description: `Inline policies apply to sessions of role ${name} only. A role's inline policies may total ${chars(QUOTAS.InlinePolicySizePerRole)} characters, not counting white space.`,
      get: (caller, PolicyName) => execute(GetRolePolicy, { RoleName: name, PolicyName }, caller),
      put: (caller, PolicyName, PolicyDocument, CreateOnly) => execute(PutRolePolicy, { RoleName: name, PolicyName, PolicyDocument, CreateOnly }, caller),
      remove: (caller, PolicyName) => execute(DeleteRolePolicy, { RoleName: name, PolicyName }, caller),
    };
  }
  return {
    label: `group ${name}`,
    listLabel: "User groups",
    listHref: "/groups",
    href: (tab) => groupHref(name, tab),
    container: "group-inline",
    description: `Inline policies apply to group ${name} and its members. A group's inline policies may total ${chars(QUOTAS.InlinePolicySizePerGroup)} characters, not counting white space.`,
    get: (caller, PolicyName) => execute(GetGroupPolicy, { GroupName: name, PolicyName }, caller),
    put: (caller, PolicyName, PolicyDocument, CreateOnly) => execute(PutGroupPolicy, { GroupName: name, PolicyName, PolicyDocument, CreateOnly }, caller),
    remove: (caller, PolicyName) => execute(DeleteGroupPolicy, { GroupName: name, PolicyName }, caller),
  };
}
