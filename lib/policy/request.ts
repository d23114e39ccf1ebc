// A request prepared for deciding: everything derived from it once (the lower-cased action, the
// context lookup, the caller, the resource's account), shared by the decision and its explanation.

import { arnAccount } from "./arn";
import type { PolicySet } from "./candidates";
import { readCaller, type Caller } from "./principal";
import { exemptFromRcps } from "./resourceControl";
import { isTrustRequest } from "./trust";
import type { AuthorizationRequest, ContextValue } from "./types";
import type { ContextLookup } from "./variables";

export interface PreparedRequest {
  readonly request: AuthorizationRequest;
  readonly lowerAction: string;
  readonly lookup: ContextLookup;
  readonly caller: Caller;
  readonly resourceAccount: string | undefined;
  readonly hasBoundary: boolean;
  /** A trust action on a role: the resource policy is the role's trust policy (trust.ts). */
  readonly trust: boolean;
  /** A service-linked role's request, or one on a service-linked role: RCPs do not apply. */
  readonly rcpExempt: boolean;
}

const EMPTY_CONTEXT: ContextLookup = () => undefined;

// Requests reuse a small vocabulary of context key names; lower-casing each once saves an allocation
// per key per request. Bounded so that hostile key names cannot grow it without limit.
const MAX_REMEMBERED_KEYS = 4096;
const lowerCaseKeys = new Map<string, string>();

function lowerCaseKey(key: string): string {
  let lower = lowerCaseKeys.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (lowerCaseKeys.size >= MAX_REMEMBERED_KEYS) lowerCaseKeys.clear();
    lowerCaseKeys.set(key, lower);
  }
  return lower;
}

/**
 * Condition key names are case-insensitive (tag keys too), so the context is keyed by lower case.
 * The index is built on the first lookup: many decisions never consult the context at all.
 */
export function contextLookup(context: Readonly<Record<string, ContextValue>> | undefined): ContextLookup {
  if (!context) return EMPTY_CONTEXT;
  let byLowerKey: Map<string, ContextValue> | undefined;
  return (lowerKey) => {
    if (!byLowerKey) {
      byLowerKey = new Map();
      for (const key of Object.keys(context)) byLowerKey.set(lowerCaseKey(key), context[key]!);
    }
    return byLowerKey.get(lowerKey);
  };
}

function single(value: ContextValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function prepareRequest(request: AuthorizationRequest, set: PolicySet): PreparedRequest {
  const caller = readCaller(request.principal);
  const resourceArnAccount = arnAccount(request.resource);
  const lowerAction = request.action.toLowerCase();
  const lookup = contextLookup(request.context);
  return {
    request,
    lowerAction,
    lookup,
    caller,
    resourceAccount: request.resourceAccount ?? (resourceArnAccount ? resourceArnAccount : caller.account),
    hasBoundary: set.boundary !== undefined,
    trust: isTrustRequest(lowerAction, request.resource),
    // Only worked out when there are RCPs: it reads the context, which most decisions never do.
    rcpExempt: set.rcps !== undefined && set.rcps.length > 0 && exemptFromRcps(request.resource, single(lookup("aws:principalarn"))),
  };
}
