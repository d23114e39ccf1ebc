// /policies/<ARN, URL-encoded> or /policies/<name>. A name is looked up with ListPolicies (the
// account's own policy first, then AWS's), so links like /policies/IAMReadOnlyAccess work.

import type { Caller } from "@/lib/auth/caller";
import type { IamErrorView } from "@/lib/iam/core/errors";
import { GetPolicy, ListPolicies } from "@/lib/iam/policies/managed";
import type { PolicyView } from "@/lib/iam/policies/entity";
import { readOperation, type ReadResult } from "../../_server/readOperation";

export async function resolvePolicy(segments: string[], caller: Caller): Promise<ReadResult<{ Policy: PolicyView }>> {
  const reference = segments.map(decodeURIComponent).join("/");
  if (reference.startsWith("arn:")) return readOperation(GetPolicy, { PolicyArn: reference }, caller);
  const listed = await readOperation(ListPolicies, { Scope: "All", Filter: reference, MaxItems: 1000 }, caller);
  if (!listed.ok) return listed;
  const matches = listed.value.Policies.filter((policy) => policy.PolicyName.toLowerCase() === reference.toLowerCase());
  const policy = matches.find((p) => !p.IsAwsManaged) ?? matches[0];
  if (!policy) {
    const error: IamErrorView = { code: "NoSuchEntity", message: `No managed policy is named ${reference}.` };
    return { ok: false, error };
  }
  return { ok: true, value: { Policy: policy } };
}
