// Pages read through operations, and a read can be denied. Instead of crashing the page, the
// error becomes a value the page renders with the ErrorPanel (AccessDeniedPanel for denials).

import type { Caller } from "@/lib/auth/caller";
import { execute, type Operation } from "@/lib/iam/core/operation";
import { isIamError, toErrorView, type IamErrorView } from "@/lib/iam/core/errors";

export type ReadResult<O> = { readonly ok: true; readonly value: O } | { readonly ok: false; readonly error: IamErrorView };

export async function readOperation<I, O>(op: Operation<I, O>, input: I, caller: Caller): Promise<ReadResult<O>> {
  try {
    return { ok: true, value: await execute(op, input, caller) };
  } catch (error) {
    if (isIamError(error)) return { ok: false, error: toErrorView(error) };
    throw error;
  }
}
