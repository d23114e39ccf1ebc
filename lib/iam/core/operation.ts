// The operation registry's mechanism: every read or write of IAM data is a named operation that
// mirrors an AWS IAM API (CreateUser, ListUsers, …). execute() is the only way to run one:
//   1. validate the input (zod): a clear error, nothing written;
//   2. ask the policy engine about every authorization the operation declares, with the full
//      request context; a denial throws AccessDeniedError carrying the engine's explanation;
//   3. run the operation, and any operations it runs as steps, in one database transaction;
//   4. append an audit event per decision in that same transaction: Allowed events commit with the
//      change, a Denied event is committed on its own after everything else rolled back, and a
//      refusal after the decisions (NoSuchEntity, LimitExceeded, …) is recorded as Failed.
// Read-only operations skip the write transaction (SQLite has one writer, and a page view should
// not queue behind it); their audit events are one short insert.

import "server-only";
import type { z } from "zod";
import { doorOf, type Caller } from "@/lib/auth/caller";
import { db, type Tx } from "@/lib/db/client";
import { inTransaction, MAX_ATTEMPTS, TransactionConflict } from "@/lib/db/transaction";
import { abandonClaim, releaseClaim, type AuthenticatorClaim } from "@/lib/auth/authenticatorClaims";
import { claimOrRefuse } from "../credentials/authenticatorThrottle";
import { appendAuditEvents, type AuditEventInput, type AuditResult } from "@/lib/db/audit";
import type { CompiledPolicy, ContextValue } from "@/lib/policy";
import { auditExplanation, type AuditExplanation } from "../audit/denialExplanation";
import { authorize, callerPolicySet, type Authorization } from "./authorize";
import { credentialRestrictions } from "./credentialRestrictions";
import type { UserPolicySet } from "./policySet";
import { AccessDeniedError, IamError, isIamError } from "./errors";
import { validationMessage } from "./validation";

export type { Authorization };

/** What every hook of an operation receives. */
export interface Hooks<I> {
  readonly tx: Tx;
  readonly input: I;
  readonly caller: Caller;
}

/** run() also receives the means to run other operations as its steps, and the optional decisions. */
export interface RunHooks<I> extends Hooks<I> {
  readonly steps: Steps;
  /** Whether the engine allowed this action among the operation's optionalAuthorizations. */
  readonly granted: (action: string) => boolean;
}

type Awaitable<T> = T | Promise<T>;

export interface OperationSpec<I, O> {
  /** The AWS API name: CreateUser. Portcullis's own workflows are named the same way. */
  readonly name: string;
  /** The IAM action of the operation's main authorization: iam:CreateUser. */
  readonly action: string;
  /** Get/List operations: audited as read-only events, run without a write transaction. */
  readonly readOnly?: boolean;
  readonly input: z.ZodType<I>;
  /**
   * The ARN of the resource the request acts on (AWS's resource type for this action). It may read the
   * database: an existing user's ARN includes its path, which the request (a bare UserName) does not carry.
   */
  readonly resource: (hooks: Hooks<I>) => Awaitable<string>;
  /** Action-specific condition keys: aws:RequestTag/*, aws:TagKeys, aws:ResourceTag/*, iam:PolicyARN, … */
  readonly context?: (hooks: Hooks<I>) => Awaitable<Readonly<Record<string, ContextValue>>>;
  /**
   * Further decisions the operation needs, each decided and audited with its own action and
   * resource before run: renaming a user needs iam:UpdateUser on the new ARN as well.
   */
  readonly additionalAuthorizations?: (hooks: Hooks<I>) => Awaitable<readonly Authorization[]>;
  /**
   * Decisions that widen the answer rather than permit the operation: a console column of a List
   * operation (each user's groups, MFA, access keys) is filled only when its read is allowed. Each is
   * decided and audited like the others, but a denial leaves that part out instead of refusing.
   */
  readonly optionalAuthorizations?: (hooks: Hooks<I>) => Awaitable<readonly Authorization[]>;
  /**
   * Identity-based policies Portcullis itself adds for this request: an account setting's grant (the
   * password policy's AllowUsersToChangePassword) or a guard rail (removing one's own MFA device needs
   * an MFA session). The engine weighs them like any other policy: an explicit Deny wins, a boundary
   * still limits, and the decision is explained and audited as usual.
   */
  readonly builtInPolicies?: (hooks: Hooks<I>) => Promise<readonly CompiledPolicy[]>;
  /**
   * The resource's own policy and account, for the main authorization: a role's trust policy, in
   * whichever account the role lives, for sts:AssumeRole.
   */
  readonly resourcePolicy?: (hooks: Hooks<I>) => Awaitable<{ readonly policy?: CompiledPolicy; readonly account: string }>;
  /**
   * The main authorization is not the engine's to decide: AWS documents that the action needs no
   * permission and is allowed even under an explicit Deny (sts:GetCallerIdentity, which only tells
   * callers who they are). The text is that documented reason. The decision is still audited, as
   * Allowed, with the reason as its explanation. It covers signed-in callers only (an anonymous
   * caller is decided by the engine, so denied), and only the main authorization: any additional
   * or optional ones are decided as usual. AWS's restrictions on temporary credentials still hold
   * (credentialRestrictions.ts: no GetSessionToken with session credentials).
   */
  readonly alwaysAllowed?: string;
  /**
   * The request checks a password or code of the caller's (credentials/authenticatorThrottle.ts):
   * the check is claimed against the throttle before the transaction, and the claim ended with its outcome.
   */
  readonly checksAuthenticator?: (hooks: Pick<Hooks<I>, "input" | "caller">) => boolean;
  /** What the operation's audit events record about the request beyond action and resource. */
  readonly auditDetail?: (hooks: Pick<Hooks<I>, "input" | "caller">) => AuditDetail;
  readonly run: (hooks: RunHooks<I>) => Promise<O>;
}

/** The request fields an audit event keeps: AssumeRole's session name and source identity. */
export interface AuditDetail {
  readonly roleSessionName?: string;
  readonly sourceIdentity?: string;
}

export type Operation<I = unknown, O = unknown> = OperationSpec<I, O> & { readonly kind: "operation" };

export function operation<I, O>(spec: OperationSpec<I, O>): Operation<I, O> {
  return { ...spec, kind: "operation" };
}

export function isOperation(value: unknown): value is Operation {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "operation";
}

/** Running other operations inside this one, as steps of one all-or-nothing workflow. */
export interface Steps {
  /** Validated, authorized and audited like a call of its own; a denial stops the whole workflow. */
  run<I, O>(op: Operation<I, O>, input: I): Promise<O>;
  /** As run, but a denial is audited and returned, and the workflow goes on. */
  runIfAllowed<I, O>(op: Operation<I, O>, input: I): Promise<{ readonly allowed: true; readonly output: O } | { readonly allowed: false; readonly denied: AccessDeniedError }>;
}

/** The operation and resource a refusal is recorded against: the innermost step that refused. */
interface RefusedAt {
  readonly action: string;
  readonly resource: string;
  readonly readOnly?: boolean;
  readonly detail?: AuditDetail;
  /** Another account the refused request reached into (assuming its role): it is told too. */
  readonly resourceAccount?: string;
}
const refusedBy = new WeakMap<IamError, RefusedAt>();

/** One execute(): its transaction, the decisions made so far, and the events to append. */
class Execution {
  /** Decisions already made in this execution; a step asking the same question is not asked again. */
  private readonly decided = new Set<string>();
  readonly events: AuditEventInput[] = [];

  constructor(
    readonly tx: Tx,
    readonly caller: Caller,
    private readonly workflow: string,
  ) {}

  event(action: string, resource: string, result: AuditResult, readOnly: boolean | undefined, error?: IamError, detail?: AuditDetail): AuditEventInput {
    return auditEvent(this.caller, action, resource, result, readOnly, error, detail);
  }

  /** Runs op in this execution; as a step (of the workflow the caller asked for), a denial says which step. */
  async invoke<I, O>(op: Operation<I, O>, input: I, asStep: "top" | "step" | "optional step"): Promise<O> {
    const hooks: Hooks<I> = { tx: this.tx, input, caller: this.caller };
    let resource = "*";
    const detail = op.auditDetail?.({ input, caller: this.caller });
    let resourceAccount: string | undefined;
    try {
      resource = await op.resource(hooks);
      const own = op.resourcePolicy ? await op.resourcePolicy(hooks) : undefined;
      resourceAccount = own && own.account !== this.caller.accountId ? own.account : undefined;
      const authorizations: Authorization[] = [
        { action: op.action, resource, context: op.context ? await op.context(hooks) : undefined, resourcePolicy: own?.policy, resourceAccount: own?.account },
        ...(op.additionalAuthorizations ? await op.additionalAuthorizations(hooks) : []),
      ];
      const builtIn = op.builtInPolicies ? await op.builtInPolicies(hooks) : [];
      const loaded = await callerPolicySet(this.tx, this.caller);
      for (const [index, authorization] of authorizations.entries()) {
        const key = JSON.stringify([authorization.action, authorization.resource, authorization.context ?? {}, builtIn.map((p) => p.name)]);
        if (this.decided.has(key)) continue;
        if (index === 0 && op.alwaysAllowed !== undefined && this.caller.kind !== "anonymous" && !(await restrictedByCredentials(this.tx, this.caller, authorization, loaded))) {
          this.decided.add(key);
          const allowed = { ...this.event(authorization.action, authorization.resource, "Allowed", op.readOnly, undefined, detail), detail: JSON.stringify(alwaysAllowedExplanation(op.alwaysAllowed)) };
          this.events.push(allowed, ...alsoFor(crossAccount(authorization, this.caller), allowed));
          continue;
        }
        const result = await authorize(this.tx, this.caller, authorization, builtIn, loaded);
        if (result.decision !== "Allow") {
          const plain = new AccessDeniedError(this.caller.arn, authorization.action, authorization.resource, result.explanation!);
          const denied = asStep === "step" ? plain.inWorkflow(this.workflow, op.name) : plain;
          refusedBy.set(denied, { action: authorization.action, resource: authorization.resource, readOnly: op.readOnly, detail, resourceAccount: crossAccount(authorization, this.caller) });
          throw denied;
        }
        this.decided.add(key);
        const allowed = this.event(authorization.action, authorization.resource, "Allowed", op.readOnly, undefined, detail);
        this.events.push(allowed, ...alsoFor(crossAccount(authorization, this.caller), allowed));
      }
      const granted = new Set<string>();
      for (const authorization of op.optionalAuthorizations ? await op.optionalAuthorizations(hooks) : []) {
        const result = await authorize(this.tx, this.caller, authorization, builtIn, loaded);
        if (result.decision === "Allow") granted.add(authorization.action);
        const denied = result.decision === "Allow" ? undefined : new AccessDeniedError(this.caller.arn, authorization.action, authorization.resource, result.explanation!);
        this.events.push(this.event(authorization.action, authorization.resource, denied ? "Denied" : "Allowed", op.readOnly, denied));
      }
      return await op.run({ ...hooks, steps: this.steps, granted: (action) => granted.has(action) });
    } catch (error) {
      if (isIamError(error) && !refusedBy.has(error)) refusedBy.set(error, { action: op.action, resource, readOnly: op.readOnly, detail, resourceAccount });
      throw error;
    }
  }

  readonly steps: Steps = {
    run: async (op, rawInput) => this.invoke(op, parseInput(op, rawInput, this.workflow), "step"),
    runIfAllowed: async (op, rawInput) => {
      try {
        return { allowed: true, output: await this.invoke(op, parseInput(op, rawInput, this.workflow), "optional step") };
      } catch (error) {
        if (!(error instanceof AccessDeniedError)) throw error;
        // The workflow goes on, so the denial commits with its changes.
        this.events.push(this.event(error.action, error.resource, "Denied", op.readOnly, error));
        return { allowed: false, denied: error };
      }
    },
  };
}

/**
 * Whether AWS's restrictions on the caller's temporary credentials (credentialRestrictions.ts) deny
 * an action AWS documents as needing no permission: GetSessionToken with session credentials. Then
 * the engine decides it after all, with the caller's policies, and it is denied like any other.
 */
async function restrictedByCredentials(tx: Tx, caller: Caller, authorization: Authorization, loaded: UserPolicySet): Promise<boolean> {
  const restrictions = credentialRestrictions(caller);
  if (restrictions.length === 0) return false;
  const result = await authorize(tx, caller, authorization, [], { ...loaded, set: { identity: [...restrictions] } });
  return result.reason.code === "explicit-deny";
}

/**
 * What the audit log keeps of an always-allowed decision, in the shape of a denial's explanation
 * (lib/iam/audit/denialExplanation.ts), so LookupEvents shows why: no policy was weighed.
 */
function alwaysAllowedExplanation(reason: string): AuditExplanation {
  return { Summary: reason, Reason: "always-allowed", DecidedBy: [], NearMisses: [], StatementsEvaluated: 0 };
}

/** The other account an authorization reaches into, if any. */
function crossAccount(authorization: Authorization, caller: Caller): string | undefined {
  return authorization.resourceAccount && authorization.resourceAccount !== caller.accountId ? authorization.resourceAccount : undefined;
}

/** As CloudTrail does for a cross-account AssumeRole, the role's account gets the event as well. */
function alsoFor(account: string | undefined, event: AuditEventInput): AuditEventInput[] {
  return account ? [{ ...event, accountId: account }] : [];
}

function auditEvent(
  caller: Caller,
  action: string,
  resource: string,
  result: AuditResult,
  readOnly: boolean | undefined,
  error?: IamError,
  detail?: AuditDetail,
): AuditEventInput {
  return {
    accountId: caller.accountId,
    principalArn: caller.arn,
    action,
    resource,
    result,
    readOnly,
    errorCode: error?.code,
    errorMessage: error?.message,
    sourceIp: caller.sourceIp,
    userAgent: caller.userAgent,
    // A denial keeps why, so the log can show it later.
    detail: error instanceof AccessDeniedError ? JSON.stringify(auditExplanation(error.explanation, error.stoppedWorkflow)) : undefined,
    assumedBy: caller.roleSession?.assumedBy,
    roleSessionName: detail?.roleSessionName,
    sourceIdentity: caller.roleSession?.sourceIdentity ?? detail?.sourceIdentity,
    door: doorOf(caller),
  };
}

function parseInput<I>(op: Operation<I, unknown>, rawInput: unknown, workflow?: string): I {
  const parsed = op.input.safeParse(rawInput);
  if (parsed.success) return parsed.data;
  const message = validationMessage(parsed.error);
  const error = new IamError("ValidationError", workflow && workflow !== op.name ? `${op.name} (a step of ${workflow}): ${message}` : message);
  refusedBy.set(error, { action: op.action, resource: "*", readOnly: op.readOnly });
  throw error;
}

/** What a caller hears when its write lost to concurrent writes every time it was tried. */
function concurrentModification(operation: string): IamError {
  return new IamError(
    "ConcurrentModification",
    `${operation} conflicted with other changes made at the same moment, and still did after ${MAX_ATTEMPTS} tries. Nothing was changed; try again.`,
  );
}

export async function execute<I, O>(op: Operation<I, O>, rawInput: unknown, caller: Caller): Promise<O> {
  if (caller.scope) caller.scope.counts.operations++;
  let claim: AuthenticatorClaim | undefined;
  try {
    const input = parseInput(op, rawInput);
    if (!op.readOnly && op.checksAuthenticator?.({ input, caller })) claim = await claimOrRefuse(caller);
    let output: O;
    if (op.readOnly) {
      const execution = new Execution(db, caller, op.name);
      output = await execution.invoke(op, input, "top");
      await appendAuditEvents(db, execution.events);
    } else {
      output = await inTransaction(async (tx) => {
        const execution = new Execution(tx, caller, op.name);
        const result = await execution.invoke(op, input, "top");
        await appendAuditEvents(tx, execution.events);
        if (claim) await releaseClaim(tx, claim);
        return result;
      }).catch((error: unknown) => {
        throw error instanceof TransactionConflict ? concurrentModification(op.name) : error;
      });
      // This request's memory of the caller's policies may be out of date now.
      caller.scope?.forget();
    }
    return output;
  } catch (error) {
    if (!isIamError(error)) {
      if (claim) await abandonClaim(claim).catch(() => undefined);
      throw error;
    }
    // Everything the operation changed has rolled back; what remains is why it was refused.
    const at = refusedBy.get(error) ?? { action: op.action, resource: "*", readOnly: op.readOnly };
    const result: AuditResult = error instanceof AccessDeniedError ? "Denied" : "Failed";
    const event = auditEvent(caller, at.action, at.resource, result, at.readOnly, error, at.detail);
    // In a transaction of its own: on SQLite a write outside one joins whichever transaction is open
    // on the shared connection, and is lost when that one rolls back. A claimed check's failure takes
    // the claim's place in the count.
    await inTransaction(async (tx) => {
      await appendAuditEvents(tx, [event, ...alsoFor(at.resourceAccount, event)]);
      if (claim) await releaseClaim(tx, claim);
    });
    throw error;
  }
}
