// Who a role's trust policy lets assume it, in the AWS console's words ("AWS service: ec2",
// "Account: 123456789012", "This account (MFA required)"): the roles list's "Trusted entities"
// column and the role page's Trust relationships tab. Pure: it reads the policy text only, so the
// list summarizes every row from the one ListRoles call. Only Allow statements trust anyone; a Deny
// narrows them and is left to the policy itself, which the page shows beside the summary.

import { isAccountId, parseIamArn } from "@/lib/policy";

export type TrustedPrincipal =
  /** An account's root principal (`arn:aws:iam::ACCT:root` or the bare ID): whoever that account's policies allow. */
  | { readonly kind: "account"; readonly accountId: string; readonly thisAccount: boolean }
  /** One IAM user, role, role session or federated user, by ARN. */
  | { readonly kind: "principal"; readonly type: "user" | "role" | "assumed-role" | "federated-user"; readonly arn: string; readonly name: string }
  /** An AWS service principal such as ec2.amazonaws.com. */
  | { readonly kind: "service"; readonly service: string }
  /** A SAML or OIDC identity provider (Principal.Federated). */
  | { readonly kind: "federated"; readonly provider: string; readonly protocol: "SAML" | "OIDC" }
  /** "*" or {"AWS": "*"}: any principal of any account, unless the conditions say otherwise. */
  | { readonly kind: "anyone" }
  /** Anything else the policy names (a canonical user, an ARN Portcullis cannot read). */
  | { readonly kind: "other"; readonly value: string };

export interface TrustedEntity {
  readonly principal: TrustedPrincipal;
  /** The statement requires an MFA session (aws:MultiFactorAuthPresent true, or a bound on aws:MultiFactorAuthAge). */
  readonly mfaRequired: boolean;
  /** The statement requires sts:ExternalId, as cross-account roles for third parties do. */
  readonly externalIdRequired: boolean;
  /** Other condition keys the statement tests (aws:PrincipalOrgID, aws:SourceIp, …). */
  readonly otherConditions: readonly string[];
  /** The trust actions it allows (sts:AssumeRole, sts:AssumeRoleWithSAML, …). */
  readonly actions: readonly string[];
}

export type TrustSummary = { readonly ok: true; readonly entities: readonly TrustedEntity[] } | { readonly ok: false; readonly problem: string };

type Json = unknown;
const list = (value: Json): Json[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const strings = (value: Json): string[] => list(value).filter((v): v is string => typeof v === "string");
const isObject = (value: Json): value is Record<string, Json> => value !== null && typeof value === "object" && !Array.isArray(value);

function awsPrincipal(value: string, accountId: string): TrustedPrincipal {
  if (value === "*") return { kind: "anyone" };
  if (isAccountId(value)) return { kind: "account", accountId: value, thisAccount: value === accountId };
  const arn = parseIamArn(value);
  if (!arn) return { kind: "other", value };
  if (arn.type === "root") return { kind: "account", accountId: arn.account, thisAccount: arn.account === accountId };
  if (arn.type === "user" || arn.type === "role" || arn.type === "assumed-role" || arn.type === "federated-user") {
    return { kind: "principal", type: arn.type, arn: value, name: arn.type === "assumed-role" ? `${arn.name}/${arn.sessionName}` : arn.name };
  }
  return { kind: "other", value };
}

function federatedPrincipal(value: string): TrustedPrincipal {
  // arn:aws:iam::ACCT:saml-provider/NAME or oidc-provider/HOST, or a web identity provider's host name.
  const saml = /:saml-provider\/(.+)$/.exec(value);
  if (saml) return { kind: "federated", provider: saml[1]!, protocol: "SAML" };
  const oidc = /:oidc-provider\/(.+)$/.exec(value);
  return { kind: "federated", provider: oidc ? oidc[1]! : value, protocol: "OIDC" };
}

function principalsOf(principal: Json, accountId: string): TrustedPrincipal[] {
  if (principal === "*") return [{ kind: "anyone" }];
  if (!isObject(principal)) return [];
  return Object.entries(principal).flatMap(([type, values]) =>
    strings(values).map((value): TrustedPrincipal => {
      if (type === "AWS") return awsPrincipal(value, accountId);
      if (type === "Service") return value === "*" ? { kind: "anyone" } : { kind: "service", service: value };
      if (type === "Federated") return federatedPrincipal(value);
      return { kind: "other", value: `${type}: ${value}` };
    }),
  );
}

/** The condition keys a statement tests, lower-cased, with what MFA and external ID need read out. */
function conditionsOf(condition: Json): Pick<TrustedEntity, "mfaRequired" | "externalIdRequired" | "otherConditions"> {
  let mfaRequired = false;
  let externalIdRequired = false;
  const other: string[] = [];
  for (const [operator, keys] of Object.entries(isObject(condition) ? condition : {})) {
    const op = operator.toLowerCase();
    for (const [key, value] of Object.entries(isObject(keys) ? keys : {})) {
      const name = key.toLowerCase();
      const values = list(value).map((v) => String(v).toLowerCase());
      // AWS's "Require MFA" writes Bool aws:MultiFactorAuthPresent "true"; BoolIfExists would let a
      // request without the key through, so it does not count as requiring MFA.
      if (name === "aws:multifactorauthpresent" && op === "bool" && values.length > 0 && values.every((v) => v === "true")) mfaRequired = true;
      else if (name === "aws:multifactorauthage" && op.startsWith("numericless")) mfaRequired = true;
      else if (name === "sts:externalid" && (op === "stringequals" || op === "stringlike")) externalIdRequired = true;
      else other.push(key);
    }
  }
  return { mfaRequired, externalIdRequired, otherConditions: other };
}

/** The principals a trust policy's Allow statements trust, one entry per principal and statement. */
export function trustedEntities(trustPolicy: string, accountId: string): TrustSummary {
  let document: Json;
  try {
    document = JSON.parse(trustPolicy);
  } catch {
    return { ok: false, problem: "The trust policy is not valid JSON." };
  }
  if (!isObject(document)) return { ok: false, problem: "The trust policy is not a JSON object." };
  const entities: TrustedEntity[] = [];
  for (const statement of list(document.Statement)) {
    if (!isObject(statement) || statement.Effect !== "Allow") continue;
    const conditions = conditionsOf(statement.Condition);
    const actions = strings(statement.Action);
    for (const principal of principalsOf(statement.Principal, accountId)) entities.push({ principal, actions, ...conditions });
  }
  return { ok: true, entities };
}

/** AWS's console names a service by its first label: ec2.amazonaws.com → ec2. */
const serviceName = (service: string) => service.replace(/\.amazonaws\.com(\.cn)?$/, "");

/** What the console shows for one trusted entity: "This account (MFA required)", "AWS service: ec2". */
export function trustedEntityLabel(entity: TrustedEntity): string {
  const { principal } = entity;
  let label: string;
  switch (principal.kind) {
    case "account":
      label = principal.thisAccount ? "This account" : `Account: ${principal.accountId}`;
      break;
    case "principal":
      label = `${PRINCIPAL_TYPES[principal.type]}: ${principal.name}`;
      break;
    case "service":
      label = `AWS service: ${serviceName(principal.service)}`;
      break;
    case "federated":
      label = `Identity provider (${principal.protocol}): ${principal.provider}`;
      break;
    case "anyone":
      label = "Anyone (*)";
      break;
    case "other":
      label = principal.value;
      break;
  }
  const requirements = [entity.mfaRequired && "MFA required", entity.externalIdRequired && "external ID required", entity.otherConditions.length > 0 && "with conditions"].filter(Boolean);
  return requirements.length > 0 ? `${label} (${requirements.join(", ")})` : label;
}

const PRINCIPAL_TYPES = { user: "IAM user", role: "Role", "assumed-role": "Role session", "federated-user": "Federated user" } as const;

/** Whether anyone at all may assume the role: "*" with no condition to narrow it (the console flags it). */
export function trustsAnyone(entity: TrustedEntity): boolean {
  return entity.principal.kind === "anyone" && !entity.externalIdRequired && entity.otherConditions.length === 0;
}

/** The distinct labels of a trust policy, in the policy's order: the roles list's short summary. */
export function trustedEntityLabels(trustPolicy: string, accountId: string): string[] {
  const summary = trustedEntities(trustPolicy, accountId);
  return summary.ok ? [...new Set(summary.entities.map(trustedEntityLabel))] : [summary.problem];
}
