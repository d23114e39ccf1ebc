// AWS IAM's default quotas, enforced as AWS does: the request that would exceed one fails with
// LimitExceeded and changes nothing.

import { IamError } from "./errors";

export const QUOTAS = {
  UsersPerAccount: 5000,
  GroupsPerAccount: 300,
  GroupsPerUser: 10,
  AttachedPoliciesPerUser: 10,
  AttachedPoliciesPerGroup: 10,
  PoliciesPerAccount: 1500,
  TagsPerUser: 50,
  AccessKeysPerUser: 2,
  /** AWS: up to 8 MFA devices of any type assigned to one user (or the root user). */
  MFADevicesPerUser: 8,
  VersionsPerPolicy: 5,
  RolesPerAccount: 1000,
  /** Inline policies: the total size of one entity's inline policies, in characters without white space. */
  InlinePolicySizePerUser: 2048,
  InlinePolicySizePerGroup: 5120,
  InlinePolicySizePerRole: 10240,
} as const;

export type QuotaName = keyof typeof QUOTAS;

export function limitExceeded(quota: QuotaName, detail: string): IamError {
  return new IamError("LimitExceeded", `Cannot exceed quota for ${quota}: ${QUOTAS[quota]}. ${detail}`);
}
