// GetCallerPermissions, a Portcullis console extension: may the signed-in caller perform these
// operations? The console asks once per page, so that controls the caller may not use are shown
// disabled with the reason, before anyone fills in a form. Each check names an operation and the
// input the page would send; it is decided through that operation's own hooks (resource, context,
// additional authorizations, built-in policies), with the caller's policy set loaded once and the
// request context a real call would have, so the answer is the one the call itself would get. Nothing
// runs, and only the question itself is audited: one event, however many checks.
//
// Like STS GetCallerIdentity it is the caller asking about itself, and it tells nothing a denied call
// would not: a built-in grant allows it on the caller's own ARN (an explicit Deny still wins, and the
// console then simply leaves its controls enabled).

import { z } from "zod";
import { compilePolicy, type CompiledPolicy, type EvaluationResult } from "@/lib/policy";
import { authorize, callerPolicySet, type Authorization } from "../core/authorize";
import { IamError } from "../core/errors";
import { isMfaKey, needsMfaSession } from "../core/mfaDenial";
import { isOperation, operation, type Hooks, type Operation } from "../core/operation";
import { validationMessage } from "../core/validation";

/** A page asks about its own controls; a few dozen at most. */
export const MAX_PERMISSION_CHECKS = 50;

export const ASK_OWN_PERMISSIONS = "Portcullis self-service (anyone may ask what they may do)";

// Operations differ in input types; a check only needs what they share.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOperation = Operation<any, any>;

const PermissionCheck = z.object({
  Operation: z.custom<AnyOperation>(isOperation, { error: "must be one of the operations in lib/iam" }),
  /** The input the page would send; the operation's own schema checks it. */
  Input: z.unknown(),
  /**
   * Part of the input is still to be chosen (the name and path a person will type, which policy they
   * will pick) or stands for one row of many: a decision that hangs on those parts is "Depends".
   */
  InputVaries: z.boolean({ error: "must be true or false" }).optional(),
});

export type PermissionCheck = z.input<typeof PermissionCheck>;

const GetCallerPermissionsInput = z.object({
  Checks: z
    .array(PermissionCheck)
    .min(1, "name at least one operation to check")
    .max(MAX_PERMISSION_CHECKS, `at most ${MAX_PERMISSION_CHECKS} checks per call: split the page's checks`),
});

export interface CallerPermission {
  /** The operation checked, by its API name. */
  readonly Operation: string;
  /**
   * Allowed; Denied; or Depends: not allowed for this input, but the caller's policies allow the
   * action for some resources or conditions, which the part of the input still to be chosen decides.
   */
  readonly Decision: "Allowed" | "Denied" | "Depends";
  /** The authorization that decided: the first one not allowed, else the operation's main one. */
  readonly Action: string;
  readonly Resource: string;
  /** Denied by an explicit Deny: the policy as the engine names it, and the statement's Sid (or #index). */
  readonly DeniedBy?: { readonly PolicyName: string; readonly Statement: string };
  /** Denied because the caller's permissions boundary does not allow what a policy does: the boundary as the engine names it. */
  readonly DeniedByBoundary?: string;
  /** Denied for want of MFA: a session signed in with an MFA code is what it takes. */
  readonly NeedsMFA?: true;
  /** Depends: the resources the caller's Allow statements name for the action. */
  readonly AllowedResources?: readonly string[];
  /** The engine's explanation, in one sentence. */
  readonly Summary: string;
}

// Facts about the caller and the moment, which a page knows as well as the real request will. Any
// other key (aws:RequestTag/*, aws:TagKeys, iam:PolicyARN, aws:ResourceTag/*) comes from the input.
const CALLER_KEYS = new Set(
  [
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
    "aws:SecureTransport",
    "aws:ViaAWSService",
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:PrincipalType",
    "aws:userid",
    "aws:username",
    "aws:TokenIssueTime",
    "aws:SourceIp",
    "aws:UserAgent",
  ].map((key) => key.toLowerCase()),
);
const isCallerKey = (key: string) => CALLER_KEYS.has(key.toLowerCase()) || key.toLowerCase().startsWith("aws:principaltag/");

type Verdict =
  | { readonly decision: "Allowed" }
  | { readonly decision: "Depends"; readonly resources: readonly string[] }
  | { readonly decision: "Denied"; readonly deniedBy?: CallerPermission["DeniedBy"]; readonly needsMfa: boolean };

/** The Resource element of a statement the explanation names, for the Depends hint. */
type StatementLookup = (policy: string, index: number) => readonly string[];

function verdictOf(result: EvaluationResult, varies: boolean, resourcesOf: StatementLookup): Verdict {
  if (result.decision === "Allow") return { decision: "Allowed" };
  const explanation = result.explanation!;
  if (result.decision === "ExplicitDeny") {
    const denies = explanation.decidedBy;
    // A Deny that tests what the person has yet to choose (a tag they must add) may not apply to their choice.
    if (varies && denies.every((ref) => ref.conditionKeys?.some((key) => !isCallerKey(key)) ?? false)) return { decision: "Depends", resources: [] };
    const by = denies[0];
    return { decision: "Denied", deniedBy: by && { PolicyName: by.policy, Statement: by.statement }, needsMfa: needsMfaSession(explanation) };
  }
  if (varies) {
    // An Allow that names the action but another resource (user/interns/*), or that tests the input.
    const open = explanation.statements.filter(
      (t) =>
        t.effect === "Allow" &&
        (t.failed === "Resource" || t.failed === "NotResource" || (t.failed === "Condition" && t.condition !== undefined && !isCallerKey(t.condition.key) && !isMfaKey(t.condition.key))),
    );
    if (open.length > 0) return { decision: "Depends", resources: [...new Set(open.flatMap((t) => resourcesOf(t.policy, t.index)))] };
  }
  return { decision: "Denied", needsMfa: needsMfaSession(explanation) };
}

async function selfServiceGrant({ caller }: Hooks<unknown>): Promise<readonly CompiledPolicy[]> {
  if (caller.kind !== "user") return [];
  return [
    compilePolicy(
      { Version: "2012-10-17", Statement: [{ Sid: "AskAboutOwnPermissions", Effect: "Allow", Action: ["iam:GetCallerPermissions"], Resource: [caller.arn] }] },
      ASK_OWN_PERMISSIONS,
    ),
  ];
}

export const GetCallerPermissions = operation({
  name: "GetCallerPermissions",
  action: "iam:GetCallerPermissions",
  readOnly: true,
  input: GetCallerPermissionsInput,
  resource: ({ caller }) => caller.arn,
  builtInPolicies: selfServiceGrant,
  run: async ({ tx, input, caller }): Promise<{ Permissions: CallerPermission[] }> => {
    const loaded = await callerPolicySet(tx, caller);
    const Permissions: CallerPermission[] = [];
    for (const [index, check] of input.Checks.entries()) {
      const op = check.Operation;
      const parsed = op.input.safeParse(check.Input);
      if (!parsed.success) throw new IamError("ValidationError", `Checks[${index}] (${op.name}): ${validationMessage(parsed.error)}`);
      const hooks: Hooks<unknown> = { tx, input: parsed.data, caller };
      // Asked as execute() asks: with the resource's own policy (a role's trust policy), and without
      // the engine for a main authorization AWS documents as always allowed (GetCallerIdentity).
      const own = op.resourcePolicy ? await op.resourcePolicy(hooks) : undefined;
      const main: Authorization = { action: op.action, resource: await op.resource(hooks), context: op.context ? await op.context(hooks) : undefined, resourcePolicy: own?.policy, resourceAccount: own?.account };
      const authorizations: Authorization[] = [
        ...(op.alwaysAllowed !== undefined && caller.kind !== "anonymous" ? [] : [main]),
        ...(op.additionalAuthorizations ? await op.additionalAuthorizations(hooks) : []),
      ];
      const builtIn = op.builtInPolicies ? await op.builtInPolicies(hooks) : [];
      const policies = new Map([...loaded.set.identity, ...(loaded.set.boundary ? [loaded.set.boundary] : []), ...builtIn].map((p) => [p.name, p]));
      const resourcesOf: StatementLookup = (policy, at) => policies.get(policy)?.statements[at]?.statement.Resource ?? [];

      let reported: { authorization: Authorization; result: EvaluationResult; verdict: Verdict } | undefined;
      const dependsOn = new Set<string>();
      for (const authorization of authorizations) {
        const result = await authorize(tx, caller, authorization, builtIn, loaded);
        const verdict = verdictOf(result, check.InputVaries ?? false, resourcesOf);
        if (verdict.decision === "Depends") verdict.resources.forEach((r) => dependsOn.add(r));
        // The first denial decides; otherwise the first that depends on the input; otherwise the main one.
        if (!reported || (verdict.decision === "Denied" && reported.verdict.decision !== "Denied") || (verdict.decision === "Depends" && reported.verdict.decision === "Allowed")) {
          reported = { authorization, result, verdict };
        }
      }
      if (!reported) {
        Permissions.push({ Operation: op.name, Decision: "Allowed", Action: main.action, Resource: main.resource, Summary: op.alwaysAllowed! });
        continue;
      }
      const { authorization, result, verdict } = reported;
      Permissions.push({
        Operation: op.name,
        Decision: verdict.decision,
        Action: authorization.action,
        Resource: authorization.resource,
        ...(verdict.decision === "Denied" && verdict.deniedBy ? { DeniedBy: verdict.deniedBy } : {}),
        ...(verdict.decision === "Denied" && result.explanation!.reason === "boundary-implicit-deny" && loaded.set.boundary ? { DeniedByBoundary: loaded.set.boundary.name } : {}),
        ...(verdict.decision === "Denied" && verdict.needsMfa ? { NeedsMFA: true as const } : {}),
        ...(verdict.decision === "Depends" && dependsOn.size > 0 ? { AllowedResources: [...dependsOn] } : {}),
        Summary: result.explanation!.summary,
      });
    }
    return { Permissions };
  },
});
