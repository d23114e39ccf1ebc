// Policy size quotas from "IAM and AWS STS quotas" (and AWS Organizations for SCPs and RCPs). IAM
// does not count white space towards them, so neither does this.

import { draft, type DraftFinding } from "../grammar/draft";
import type { PolicyKind } from "../types";
import type { PolicyContainer } from "./context";

export const POLICY_SIZE_QUOTAS: Readonly<Record<PolicyContainer, number>> = {
  managed: 6144,
  "user-inline": 2048,
  "group-inline": 5120,
  "role-inline": 10240,
  trust: 2048,
  scp: 5120,
  rcp: 5120,
  session: 2048,
};

/** Every container a policy can be stored in, for callers that take one by name (the CLI). */
export const POLICY_CONTAINERS = Object.keys(POLICY_SIZE_QUOTAS) as readonly PolicyContainer[];

const CONTAINER_NAMES: Readonly<Record<PolicyContainer, string>> = {
  managed: "a managed policy",
  "user-inline": "an inline policy of a user",
  "group-inline": "an inline policy of a group",
  "role-inline": "an inline policy of a role",
  trust: "a role trust policy",
  scp: "a service control policy",
  rcp: "a resource control policy",
  session: "a session policy",
};

/** Characters that count towards the quota: everything except spaces, tabs and line breaks. */
export function countPolicyCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) count++;
  }
  return count;
}

export function defaultContainer(kind: PolicyKind): PolicyContainer {
  // A resource-based policy's quota depends on its service; IAM's own (a role trust policy) is the default.
  if (kind === "resource" || kind === "trust") return "trust";
  if (kind === "session") return "session";
  if (kind === "scp") return "scp";
  if (kind === "rcp") return "rcp";
  return "managed";
}

export function checkPolicySize(text: string, container: PolicyContainer): DraftFinding[] {
  const size = countPolicyCharacters(text);
  const quota = POLICY_SIZE_QUOTAS[container];
  if (size <= quota) return [];
  const code =
    container === "trust"
      ? "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA"
      : container === "scp"
        ? "POLICY_SIZE_EXCEEDS_SCP_QUOTA"
        : container === "rcp"
          ? "POLICY_SIZE_EXCEEDS_RCP_QUOTA"
          : "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA";
  return [
    draft("error", code, `This policy has ${size} characters (not counting white space), over the ${quota}-character quota for ${CONTAINER_NAMES[container]}. Split it into smaller policies or use wildcards to shorten it.`, []),
  ];
}
