// What AWS does not let temporary credentials call, whatever their policies allow (IAM User Guide,
// "Compare AWS STS credentials", and the STS API reference of GetSessionToken):
//   - credentials from GetSessionToken cannot call IAM API operations unless MFA information was
//     included in the request for them, and of STS they can call only AssumeRole and GetCallerIdentity;
//   - no session credentials (GetSessionToken's or a role session's) can call GetSessionToken or
//     GetFederationToken ("Cannot call GetSessionToken with session credentials").
// The limits are keyed on the caller's credentials, so they live with the caller's policy set as an
// identity-based policy of Portcullis's own: the engine decides them like any other explicit Deny
// (no Allow of the caller's lifts them), explains them by this policy and its statements, and the
// audit log records them as Denied. operation.ts also weighs them for the actions AWS documents as
// needing no permission (alwaysAllowed): "no permission needed" does not lift these limits.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts-comparison.html

import type { Caller } from "@/lib/auth/caller";
import { compilePolicy, type CompiledPolicy } from "@/lib/policy";

export const CREDENTIAL_RESTRICTIONS = "AWS's restrictions on temporary security credentials";

/**
 * STS's operations other than AssumeRole and GetCallerIdentity (their actions, as AWS names them),
 * less GetSessionToken and GetFederationToken, which every session credential is refused with STS's
 * own sentence (noSessionTokenWithSessionCredentials).
 */
const STS_OPERATIONS_EXCEPT_ASSUME_ROLE_AND_CALLER_IDENTITY = [
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
  "sts:AssumeRoot",
  "sts:DecodeAuthorizationMessage",
  "sts:GetAccessKeyInfo",
  "sts:GetDelegatedAccessToken",
  "sts:GetServiceBearerToken",
  "sts:GetWebIdentityToken",
];

type Statement = { Sid: string; Effect: "Deny"; Action: string[]; Resource: string[] };

const STATEMENTS = {
  noSessionTokenWithSessionCredentials: {
    Sid: "CannotCallGetSessionTokenOrGetFederationTokenWithSessionCredentials",
    Effect: "Deny",
    Action: ["sts:GetSessionToken", "sts:GetFederationToken"],
    Resource: ["*"],
  },
  onlyAssumeRoleAndCallerIdentity: {
    Sid: "GetSessionTokenCredentialsCallOnlyAssumeRoleAndGetCallerIdentityOfSTS",
    Effect: "Deny",
    Action: STS_OPERATIONS_EXCEPT_ASSUME_ROLE_AND_CALLER_IDENTITY,
    Resource: ["*"],
  },
  noIamWithoutMfa: {
    Sid: "GetSessionTokenCredentialsWithoutMFACannotCallIAM",
    Effect: "Deny",
    Action: ["iam:*"],
    Resource: ["*"],
  },
} satisfies Record<string, Statement>;

/**
 * What AWS answers on the wire when a restriction refuses a request, by the deciding statement: not
 * its usual AccessDenied sentence, but STS's own words, and for IAM without MFA the token error
 * (IAM does not accept those credentials at all). The audit log still records an explained denial.
 */
export const RESTRICTION_ANSWERS: Readonly<Record<string, { readonly code: "AccessDenied" | "InvalidClientTokenId"; readonly message: string }>> = {
  [STATEMENTS.noSessionTokenWithSessionCredentials.Sid]: { code: "AccessDenied", message: "Cannot call GetSessionToken with session credentials" },
  [STATEMENTS.noIamWithoutMfa.Sid]: { code: "InvalidClientTokenId", message: "The security token included in the request is invalid" },
};

/** The three shapes the restrictions take, compiled once. */
const compiled = new Map<string, CompiledPolicy>();
function restrictionPolicy(statements: readonly Statement[]): CompiledPolicy {
  const key = statements.map((s) => s.Sid).join(",");
  let policy = compiled.get(key);
  if (!policy) compiled.set(key, (policy = compilePolicy({ Version: "2012-10-17", Statement: statements.map((s) => ({ ...s })) }, CREDENTIAL_RESTRICTIONS)));
  return policy;
}

/** Whether the caller signs with GetSessionToken's credentials: an IAM user or the root user itself, on a session. */
export function isSessionTokenCaller(caller: Pick<Caller, "kind" | "credentialKind">): boolean {
  return caller.credentialKind === "session" && (caller.kind === "user" || caller.kind === "root");
}

/** The restrictions the caller's credentials carry, as identity-based policies; none for long-term keys and console sign-ins. */
export function credentialRestrictions(caller: Caller): readonly CompiledPolicy[] {
  if (isSessionTokenCaller(caller)) {
    const { noSessionTokenWithSessionCredentials, onlyAssumeRoleAndCallerIdentity, noIamWithoutMfa } = STATEMENTS;
    const always = [noSessionTokenWithSessionCredentials, onlyAssumeRoleAndCallerIdentity];
    return [restrictionPolicy(caller.mfaAuthenticated ? always : [...always, noIamWithoutMfa])];
  }
  if (caller.kind === "assumed-role") return [restrictionPolicy([STATEMENTS.noSessionTokenWithSessionCredentials])];
  return [];
}
