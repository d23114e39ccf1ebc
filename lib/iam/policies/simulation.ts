// SimulatePrincipalPolicy: what would the engine decide if this IAM user, or a session of this role,
// asked to perform these actions on these resources? It decides exactly as a real request by that
// principal would be decided — the user's own policies and groups' policies, or the role's policies,
// the permissions boundary, the tags as aws:PrincipalTag/* — with the conditions the person
// simulating supplies (MFA, source IP, time, …) in place of the facts of a live request. Each answer
// carries the engine's explanation. As in AWS, a role is simulated without session policies.

import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { arnAccount, evaluate, isAccountId, parseIamArn, preparePolicySet, type ContextValue, type Explanation } from "@/lib/policy";
import { principalContext } from "../core/authorize";
import { IamError } from "../core/errors";
import { accountOf } from "../core/account";
import { operation } from "../core/operation";
import { loadRolePolicySet, loadUserPolicySet, type UserPolicySet } from "../core/policySet";

/** Each pair is one full evaluation with an explanation; the console shows them in one table. */
export const MAX_SIMULATED_PAIRS = 100;

const ActionName = z
  .string()
  .max(128, "an action name must be at most 128 characters")
  .regex(/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/, "an action name looks like iam:CreateUser (service prefix, colon, action; no wildcards)");

const ResourceArn = z
  .string()
  .max(2048, "a resource ARN must be at most 2048 characters")
  .regex(/^(\*|arn:\S+)$/, 'a resource is "*" or an ARN such as arn:aws:iam::123456789012:user/alice');

// AWS's ContextKeyType: a *List type makes the key multivalued even with a single value.
const ContextKeyType = z.enum(
  ["string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList"],
  { error: "must be one of AWS's context key types, such as string, stringList, ip or date" },
);

const ContextEntry = z.object({
  ContextKeyName: z
    .string()
    .max(256, "a context key name must be at most 256 characters")
    .regex(/^[A-Za-z0-9-]+:\S+$/, "a context key name looks like aws:SourceIp or aws:PrincipalTag/team"),
  ContextKeyValues: z.array(z.string().max(1024, "a context key value must be at most 1024 characters")).max(100, "at most 100 values per key"),
  ContextKeyType: ContextKeyType.optional(),
});

const SimulatePrincipalPolicyInput = z.object({
  PolicySourceArn: z
    .string({ error: "PolicySourceArn is required" })
    .max(2048, "must be at most 2048 characters")
    .regex(/^arn:\S+$/, "must be the ARN of an IAM user or role, such as arn:aws:iam::123456789012:user/alice"),
  // Generous bounds on the lists themselves; the pairs they make are limited in run (LimitExceeded).
  ActionNames: z.array(ActionName).min(1, "name at least one action").max(1000, "at most 1000 actions"),
  ResourceArns: z.array(ResourceArn).min(1, "name at least one resource, or leave ResourceArns out for *").max(1000, "at most 1000 resources").optional(),
  ContextEntries: z.array(ContextEntry).max(100, "at most 100 context entries").optional(),
  /** aws:MultiFactorAuthPresent for the simulated request: a boolean, or "true"/"false" as AWS sends it. */
  MultiFactorAuthPresent: z.union([z.boolean(), z.enum(["true", "false"])], { error: 'must be true or false' }).optional(),
});

export type EvalDecision = "allowed" | "explicitDeny" | "implicitDeny";

export interface SimulationResult {
  EvalActionName: string;
  EvalResourceName: string;
  EvalDecision: EvalDecision;
  /** The engine's explanation: summary, the statements that decided, and a trace of every statement. */
  Explanation: Explanation;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

const DECISIONS = { Allow: "allowed", ExplicitDeny: "explicitDeny", ImplicitDeny: "implicitDeny" } as const;

async function findUserByArn(tx: Tx, caller: Caller, arn: string) {
  const user = await tx.user.findUnique({ where: { arn } });
  return user && user.accountId === accountOf(caller) ? user : undefined;
}

async function findRoleByArn(tx: Tx, caller: Caller, arn: string) {
  const role = await tx.role.findFirst({ where: { arn, accountId: accountOf(caller) } });
  return role ?? undefined;
}

interface SimulatedPrincipal {
  readonly arn: string;
  readonly accountId: string;
  readonly policies: UserPolicySet;
  /** aws:PrincipalType, aws:userid and (users only) aws:username, as a live request by it carries them. */
  readonly identity: Record<string, ContextValue>;
}

/** The principal a PolicySourceArn names in the caller's account, with its policies, or the error AWS gives. */
async function simulatedPrincipal(tx: Tx, caller: Caller, arn: string): Promise<SimulatedPrincipal> {
  const type = parseIamArn(arn)?.type;
  if (type === "user") {
    const user = await findUserByArn(tx, caller, arn);
    if (!user) throw new IamError("NoSuchEntity", `No IAM user in account ${accountOf(caller)} has the ARN ${arn}. Copy the ARN from the user's page.`);
    const principal = { kind: "user", accountId: user.accountId, arn: user.arn, userId: user.id, userName: user.name } as const;
    const policies = (await loadUserPolicySet(tx, user.id))!;
    return { arn: user.arn, accountId: user.accountId, policies, identity: principalContext(principal, policies.tags) };
  }
  if (type === "role") {
    const role = await findRoleByArn(tx, caller, arn);
    if (!role) throw new IamError("NoSuchEntity", `No role in account ${accountOf(caller)} has the ARN ${arn}. Copy the ARN from the role's page.`);
    const policies = (await loadRolePolicySet(tx, role.id))!;
    // A role's requests are its sessions': aws:PrincipalArn is the role's ARN, aws:userid the role
    // ID (a live session adds ":session-name"), and there is no aws:username.
    const identity: Record<string, ContextValue> = { "aws:PrincipalArn": role.arn, "aws:PrincipalAccount": role.accountId, "aws:PrincipalType": "AssumedRole", "aws:userid": role.id };
    for (const [key, value] of Object.entries(policies.tags)) identity[`aws:PrincipalTag/${key}`] = value;
    return { arn: role.arn, accountId: role.accountId, policies, identity };
  }
  throw new IamError("InvalidInput", `${arn} is not the ARN of an IAM user or role. Use an ARN such as arn:aws:iam::${accountOf(caller)}:user/alice or arn:aws:iam::${accountOf(caller)}:role/Deployer.`);
}

/** The supplied context entries, overriding computed keys of the same name in any case (names are case-insensitive). */
function withContextEntries(base: Record<string, ContextValue>, entries: z.infer<typeof ContextEntry>[]): Record<string, ContextValue> {
  const given = new Set(entries.map((e) => e.ContextKeyName.toLowerCase()));
  const context = Object.fromEntries(Object.entries(base).filter(([key]) => !given.has(key.toLowerCase())));
  for (const entry of entries) {
    const values = entry.ContextKeyValues;
    const multivalued = values.length !== 1 || entry.ContextKeyType?.endsWith("List") === true;
    context[entry.ContextKeyName] = multivalued ? values : values[0]!;
  }
  return context;
}

export const SimulatePrincipalPolicy = operation({
  name: "SimulatePrincipalPolicy",
  action: "iam:SimulatePrincipalPolicy",
  readOnly: true,
  input: SimulatePrincipalPolicyInput,
  resource: ({ input }) => input.PolicySourceArn,
  context: async ({ tx, input, caller }) => {
    const user = await findUserByArn(tx, caller, input.PolicySourceArn);
    const role = user ? undefined : await findRoleByArn(tx, caller, input.PolicySourceArn);
    const owner = user ? { userId: user.id } : role ? { roleId: role.id } : undefined;
    const tags = owner ? await tx.tag.findMany({ where: owner, select: { key: true, value: true } }) : [];
    return Object.fromEntries(tags.map((tag) => [`aws:ResourceTag/${tag.key}`, tag.value]));
  },
  run: async ({ tx, input, caller }): Promise<{ EvaluationResults: SimulationResult[] }> => {
    const principal = await simulatedPrincipal(tx, caller, input.PolicySourceArn);
    const resources = input.ResourceArns ?? ["*"];
    const pairs = input.ActionNames.length * resources.length;
    if (pairs > MAX_SIMULATED_PAIRS) {
      throw new IamError(
        "LimitExceeded",
        `A simulation decides at most ${MAX_SIMULATED_PAIRS} action and resource pairs; this one asks for ${pairs} (${count(input.ActionNames.length, "action")} × ${count(resources.length, "resource")}). Simulate fewer at a time.`,
      );
    }
    // One prepared set decides every pair, remembering per action which statements can apply.
    const set = preparePolicySet(principal.policies.set);
    const now = new Date();
    const context = withContextEntries(
      {
        "aws:CurrentTime": now.toISOString(),
        "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
        "aws:MultiFactorAuthPresent": String(input.MultiFactorAuthPresent ?? false),
        ...principal.identity,
      },
      input.ContextEntries ?? [],
    );
    const EvaluationResults = input.ActionNames.flatMap((action) =>
      resources.map((resource): SimulationResult => {
        // Resources of another account are cross-account requests; "*", account-less ARNs (S3) and
        // AWS managed policies (account "aws") are decided as the principal's own account's, as authorize() does.
        const account = arnAccount(resource);
        const result = evaluate({ principal: principal.arn, action, resource, resourceAccount: account && isAccountId(account) ? account : principal.accountId, context }, set);
        return { EvalActionName: action, EvalResourceName: resource, EvalDecision: DECISIONS[result.decision], Explanation: result.explanation! };
      }),
    );
    return { EvaluationResults };
  },
});
