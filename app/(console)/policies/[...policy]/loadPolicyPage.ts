// What a managed policy's page reads: the policy (GetPolicy, or ListPolicies when the URL names it),
// then a fixed set of operations for the open tab or the editor, however many versions, users or
// groups there are, and one GetCallerPermissions for the page's buttons.

import type { Caller } from "@/lib/auth/caller";
import { ListEntitiesForPolicy } from "@/lib/iam/policies/managed";
import type { PolicyView } from "@/lib/iam/policies/entity";
import { GetPolicyVersion, ListPolicyVersions } from "@/lib/iam/policies/versions";
import { pagePermissions } from "../../_server/pagePermissions";
import { readOperation } from "../../_server/readOperation";
import { policyPageChecks } from "./policyPagePermissions";
import { resolvePolicy } from "./resolvePolicy";

export const POLICY_TABS = [
  { id: "permissions", label: "Permissions" },
  { id: "entities", label: "Entities attached" },
  { id: "versions", label: "Policy versions" },
  { id: "last-accessed", label: "Last accessed" },
] as const;
export type PolicyTab = (typeof POLICY_TABS)[number]["id"] | "edit";

async function loadView(caller: Caller, policy: PolicyView, view: PolicyTab, versionId: string | undefined) {
  const PolicyArn = policy.Arn;
  const defaultVersion = () => readOperation(GetPolicyVersion, { PolicyArn, VersionId: policy.DefaultVersionId }, caller);
  switch (view) {
    case "permissions":
      return { view, document: await defaultVersion() };
    case "entities":
      // The tab lists every entity in one table: a page of AWS's largest size (ListEntitiesForPolicy pages like AWS's).
      return { view, entities: await readOperation(ListEntitiesForPolicy, { PolicyArn, MaxItems: 1000 }, caller) };
    case "versions": {
      const shownVersionId = versionId ?? policy.DefaultVersionId;
      const [versions, document] = await Promise.all([
        readOperation(ListPolicyVersions, { PolicyArn }, caller),
        readOperation(GetPolicyVersion, { PolicyArn, VersionId: shownVersionId }, caller),
      ]);
      return { view, versions, shownVersionId, document };
    }
    case "last-accessed":
      // Loaded by the tab itself (LastAccessedSection), from the ARN resolved above.
      return { view };
    case "edit": {
      const [document, versions] = await Promise.all([defaultVersion(), readOperation(ListPolicyVersions, { PolicyArn }, caller)]);
      return { view, document, versions };
    }
  }
}

export type PolicyViewData = Awaited<ReturnType<typeof loadView>>;

export async function loadPolicyPage(caller: Caller, segments: string[], view: PolicyTab, versionId?: string) {
  const resolved = await resolvePolicy(segments, caller);
  if (!resolved.ok) return { resolved, data: undefined, controls: undefined };
  // AWS managed policies are read-only: their page never opens the editor.
  const shown = view === "edit" && resolved.value.Policy.IsAwsManaged ? "permissions" : view;
  const [data, controls] = await Promise.all([
    loadView(caller, resolved.value.Policy, shown, versionId),
    pagePermissions(caller, policyPageChecks(resolved.value.Policy, shown)),
  ]);
  return { resolved, data, controls };
}
