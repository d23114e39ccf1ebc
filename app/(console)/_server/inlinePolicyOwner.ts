// Whose inline policies a page edits: a user's or a group's. One description of each kind, so the
// inline-policy actions and page are written once for both (roles will be a third kind).

import type { Caller } from "@/lib/auth/caller";
import { execute } from "@/lib/iam/core/operation";
import { QUOTAS } from "@/lib/iam/core/rules";
import { DeleteGroupPolicy, DeleteUserPolicy, GetGroupPolicy, GetUserPolicy, PutGroupPolicy, PutUserPolicy } from "@/lib/iam/policies/inline";
import type { PolicyContainer } from "@/lib/policy";
import { groupHref } from "@/components/groups/groupHref";
import { userHref } from "@/components/users/userHref";

export interface InlinePolicyOwner {
  readonly kind: "user" | "group";
  readonly name: string;
}

export interface InlinePolicyKind {
  readonly label: string;
  readonly listLabel: string;
  readonly listHref: string;
  readonly href: (tab?: string) => string;
  readonly container: Extract<PolicyContainer, "user-inline" | "group-inline">;
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
