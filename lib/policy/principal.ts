// Principal / NotPrincipal matching for resource-based policies. How a statement names the caller
// matters for evaluation (IAM User Guide, "Policy evaluation logic"), so a match has a strength:
// - "direct": the caller's own ARN (user, role session, service), or "*": grants on its own, even
//   past a permissions boundary's or session policy's implicit deny, in the same account;
// - "role": the ARN of the role whose session is calling: grants, but boundary and session policy
//   still apply;
// - "account": the account ID or `arn:aws:iam::ACCOUNT:root`: only delegates to the account's
//   identity-based policies.

import { isAccountId, parseIamArn, principalAccount } from "./arn";
import type { PrincipalBlock } from "./types";

export const Grant = { None: 0, Account: 1, Role: 2, Direct: 3 } as const;
export type Grant = (typeof Grant)[keyof typeof Grant];

export const GRANT_NAMES = ["none", "account", "role", "direct"] as const;

/** The caller, read once per request. */
export interface Caller {
  readonly arn: string;
  readonly account: string | undefined;
  /**
   * For an assumed-role session: the role's account and name. Also for a role ARN given as the
   * caller, which AWS never signs as: a grant naming the role then counts as a role grant, never
   * as naming the caller itself, so a permissions boundary still applies.
   */
  readonly role?: { readonly account: string; readonly name: string };
  readonly isAccountRoot: boolean;
  /** An assumed-role session (a role ARN given as the caller is not one). */
  readonly isSession: boolean;
  /** A GetFederationToken session: it has no permissions beyond what its session policy allows. */
  readonly isFederatedUser: boolean;
}

// The same few principals make most requests; reading their ARN once saves work on the hot path.
const MAX_REMEMBERED_CALLERS = 1024;
const callers = new Map<string, Caller>();

export function readCaller(principal: string): Caller {
  let caller = callers.get(principal);
  if (caller) return caller;
  const iam = parseIamArn(principal);
  caller = {
    arn: principal,
    // A SAML or OIDC identity provider signing in through AssumeRoleWithSAML / WebIdentity has no
    // identity-based policies of its own: only the role's trust policy can let it in.
    account: isIdentityProvider(principal) ? undefined : principalAccount(principal),
    role: iam?.type === "assumed-role" || iam?.type === "role" ? { account: iam.account, name: iam.name } : undefined,
    isAccountRoot: iam?.type === "root",
    isSession: iam?.type === "assumed-role",
    isFederatedUser: iam?.type === "federated-user",
  };
  if (callers.size >= MAX_REMEMBERED_CALLERS) callers.clear();
  callers.set(principal, caller);
  return caller;
}

function isIdentityProvider(principal: string): boolean {
  return principal.startsWith("arn:") && /^arn:[^:]+:iam::\d{12}:(saml-provider|oidc-provider)\//.test(principal);
}

type PrincipalTest = (caller: Caller) => Grant;

function entryTest(type: string, id: string): PrincipalTest {
  if (id === "*") return () => Grant.Direct;
  if (type !== "AWS") return (caller) => (caller.arn === id ? Grant.Direct : Grant.None);
  const named = parseIamArn(id);
  const account = isAccountId(id) ? id : named?.type === "root" ? named.account : undefined;
  if (account !== undefined) {
    return (caller) =>
      caller.account !== account ? Grant.None : caller.isAccountRoot ? Grant.Direct : Grant.Account;
  }
  if (named?.type === "role") {
    return (caller) =>
      caller.role?.account === named.account && caller.role.name === named.name
        ? Grant.Role
        : Grant.None;
  }
  return (caller) => (caller.arn === id ? Grant.Direct : Grant.None);
}

/** Compiles a Principal block into a function returning the strongest grant it gives the caller. */
export function compilePrincipal(block: PrincipalBlock): PrincipalTest {
  if (block === "*") return () => Grant.Direct;
  const tests: PrincipalTest[] = [];
  for (const [type, ids] of Object.entries(block)) for (const id of ids) tests.push(entryTest(type, id));
  return (caller) => {
    let best: Grant = Grant.None;
    for (const test of tests) {
      const grant = test(caller);
      if (grant > best) best = grant;
    }
    return best;
  };
}

/**
 * NotPrincipal names principals exactly (IAM User Guide, "NotPrincipal"): an account entry stands
 * for the account principal itself, not every principal in it, and a role session is only named by
 * its session ARN. Returns a test saying whether the caller is named.
 */
export function compileNotPrincipal(block: PrincipalBlock): (caller: Caller) => boolean {
  if (block === "*") return () => true;
  const named = new Set<string>();
  for (const [type, ids] of Object.entries(block)) {
    for (const id of ids) {
      if (type === "AWS" && isAccountId(id)) named.add(`arn:aws:iam::${id}:root`);
      else if (id === "*") return () => true;
      else named.add(id);
    }
  }
  return (caller) => named.has(caller.arn);
}
