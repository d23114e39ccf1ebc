// AWS IAM's default quotas (defined in rules.ts), enforced as AWS does: the request that would
// exceed one fails with LimitExceeded and changes nothing.

import { IamError } from "./errors";
import { QUOTAS, type QuotaName } from "./rules";

export function limitExceeded(quota: QuotaName, detail: string): IamError {
  return new IamError("LimitExceeded", `Cannot exceed quota for ${quota}: ${QUOTAS[quota]}. ${detail}`);
}
