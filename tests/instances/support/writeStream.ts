// A stream of IAM writes for the fault tests, sent by a few lanes at once the way several API
// clients would: each lane creates a user, a policy, then a second version of that policy, again
// and again. A write is acknowledged only when the SDK returned its answer; the ledger keeps those
// apart from the ones that failed or were in flight when an instance died (their outcome is unknown:
// present whole or absent, never half). The checks then read back through a live instance's API and
// straight from the database (the audit log and half-written rows are not on the API).

import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  ListPoliciesCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import type { Db } from "@/lib/db/client";
import type { Instance } from "./instance";

export const streamDocument = (sid: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }] });

export type Write =
  | { readonly kind: "CreateUser"; readonly userName: string }
  | { readonly kind: "CreatePolicy"; readonly policyName: string }
  | { readonly kind: "CreatePolicyVersion"; readonly policyName: string; readonly sid: string };

export interface Entry {
  readonly write: Write;
  readonly via: string;
  readonly sentAt: number;
  readonly ms: number;
  /** The policy's ARN (CreatePolicy) or the version's ID (CreatePolicyVersion), as acknowledged. */
  readonly answer?: string;
  /** What the failure was; the write may or may not have happened. */
  readonly error?: string;
}

export class Ledger {
  readonly entries: Entry[] = [];
  private readonly waiters: { via: string; count: number; resolve: () => void }[] = [];

  record(entry: Entry): void {
    this.entries.push(entry);
    for (const waiter of [...this.waiters]) {
      if (this.acknowledged(waiter.via).length >= waiter.count) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  acknowledged(via?: string): Entry[] {
    return this.entries.filter((entry) => entry.error === undefined && (via === undefined || entry.via === via));
  }

  failed(via?: string): Entry[] {
    return this.entries.filter((entry) => entry.error !== undefined && (via === undefined || entry.via === via));
  }

  /** Resolves once `count` writes through that instance were acknowledged. */
  whenAcknowledged(via: string, count: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ via, count, resolve });
      if (this.acknowledged(via).length >= count) resolve();
    });
  }
}

export interface Lane {
  readonly name: string;
  /** The instance and client the lane's next request goes to (a load balancer's choice; it may change). */
  target(): { instance: Instance; iam: IAMClient };
  readonly rounds: number;
  /** Called after a failed request, before the lane's next one (wait for a restart, fail over, …). */
  afterFailure?(error: string): Promise<void>;
}

async function send(ledger: Ledger, lane: Lane, write: Write, call: (iam: IAMClient) => Promise<string | undefined>): Promise<string | undefined> {
  const { instance, iam } = lane.target();
  const sentAt = Date.now();
  try {
    const answer = await call(iam);
    ledger.record({ write, via: instance.name, sentAt, ms: Date.now() - sentAt, ...(answer ? { answer } : {}) });
    return answer ?? "";
  } catch (error) {
    const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string }; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : "";
    const description = `${e.name}${status}: ${e.cause?.code ?? e.code ?? e.message}`;
    ledger.record({ write, via: instance.name, sentAt, ms: Date.now() - sentAt, error: description });
    await lane.afterFailure?.(description);
    return undefined;
  }
}

/** One lane's stream: for each round, CreateUser, CreatePolicy, then CreatePolicyVersion (SetAsDefault) of that policy. */
export async function runLane(ledger: Ledger, lane: Lane): Promise<void> {
  for (let round = 0; round < lane.rounds; round++) {
    const id = `${lane.name}-${round}`;
    await send(ledger, lane, { kind: "CreateUser", userName: `user-${id}` }, async (iam) => {
      await iam.send(new CreateUserCommand({ UserName: `user-${id}` }));
      return undefined;
    });
    const policyName = `policy-${id}`;
    const created = await send(ledger, lane, { kind: "CreatePolicy", policyName }, async (iam) => {
      const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: policyName, PolicyDocument: streamDocument(`${lane.name}x${round}x1`) }));
      return Policy!.Arn!;
    });
    if (!created) continue;
    const sid = `${lane.name}x${round}x2`.replaceAll("-", "");
    await send(ledger, lane, { kind: "CreatePolicyVersion", policyName, sid }, async (iam) => {
      const { PolicyVersion } = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: created, PolicyDocument: streamDocument(sid), SetAsDefault: true }));
      return PolicyVersion!.VersionId!;
    });
  }
}

/** Every acknowledged write, read back through the API of `iam` (a live instance). Returns how many were checked. */
export async function expectAcknowledgedPresent(ledger: Ledger, iam: IAMClient, accountId: string): Promise<number> {
  const acknowledged = ledger.acknowledged();
  for (const { write, answer } of acknowledged) {
    if (write.kind === "CreateUser") {
      const { User } = await iam.send(new GetUserCommand({ UserName: write.userName }));
      if (User?.UserName !== write.userName) throw new Error(`acknowledged user ${write.userName} is missing`);
    } else if (write.kind === "CreatePolicy") {
      const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: answer! }));
      if (Policy?.PolicyName !== write.policyName) throw new Error(`acknowledged policy ${write.policyName} is missing`);
    } else {
      const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: `arn:aws:iam::${accountId}:policy/${write.policyName}`, VersionId: answer! }));
      const document = decodeURIComponent(PolicyVersion?.Document ?? "");
      if (document !== streamDocument(write.sid)) throw new Error(`acknowledged version ${answer} of ${write.policyName} is missing or not its text: ${document}`);
    }
  }
  return acknowledged.length;
}

/** A write refused with an answer (a 4xx, not a dropped connection) changed nothing: its entity is absent. */
export async function expectRefusedAbsent(ledger: Ledger, iam: IAMClient): Promise<void> {
  for (const { write, error } of ledger.failed()) {
    if (!/\(HTTP 4\d\d\)/.test(error!) || write.kind === "CreatePolicyVersion") continue;
    const lookup =
      write.kind === "CreateUser"
        ? iam.send(new GetUserCommand({ UserName: write.userName }))
        : iam.send(new ListPoliciesCommand({ Scope: "Local" })).then(({ Policies }) => {
            if (Policies?.some((policy) => policy.PolicyName === write.policyName)) throw new Error("present");
            throw Object.assign(new Error("absent"), { name: "NoSuchEntityException" });
          });
    const found = await lookup.then(
      () => "present",
      (e: { name?: string }) => (e.name === "NoSuchEntityException" ? "absent" : `unknown: ${e.name}`),
    );
    if (found !== "absent") throw new Error(`${write.kind} was refused (${error}) yet its entity is ${found}`);
  }
}

export interface Integrity {
  readonly users: number;
  readonly policies: number;
  readonly versions: number;
  /** Descriptions of half-written entities; empty when none. */
  readonly problems: string[];
}

/**
 * What must hold of everything in the account, acknowledged or not: each user has its iam:CreateUser
 * audit event; each policy its iam:CreatePolicy event, a default version that exists and is the only
 * one marked default; each version beyond v1 its iam:CreatePolicyVersion event; no version without
 * its policy. The audit event is written in the operation's own transaction, so one without the other
 * would be a torn write.
 */
export async function integrity(db: Db, accountId: string): Promise<Integrity> {
  const problems: string[] = [];
  const users = await db.user.findMany({ where: { accountId }, select: { name: true, arn: true } });
  const allowed = async (action: string) =>
    (await db.auditEvent.findMany({ where: { accountId, action, result: "Allowed" }, select: { resource: true } })).map((event) => event.resource);
  const userEvents = new Set(await allowed("iam:CreateUser"));
  for (const user of users) if (!userEvents.has(user.arn)) problems.push(`user ${user.name} has no iam:CreateUser audit event`);

  const policies = await db.managedPolicy.findMany({
    where: { accountId },
    select: { id: true, arn: true, name: true, defaultVersionId: true, versions: { select: { versionId: true, isDefault: true } } },
  });
  const policyEvents = new Set(await allowed("iam:CreatePolicy"));
  const versionEvents = new Map<string, number>();
  for (const resource of await allowed("iam:CreatePolicyVersion")) versionEvents.set(resource, (versionEvents.get(resource) ?? 0) + 1);
  let versions = 0;
  for (const policy of policies) {
    versions += policy.versions.length;
    if (!policyEvents.has(policy.arn)) problems.push(`policy ${policy.name} has no iam:CreatePolicy audit event`);
    const defaults = policy.versions.filter((version) => version.isDefault).map((version) => version.versionId);
    if (defaults.length !== 1 || defaults[0] !== policy.defaultVersionId) {
      problems.push(`policy ${policy.name}: default ${policy.defaultVersionId}, versions marked default ${JSON.stringify(defaults)}`);
    }
    if (!policy.versions.some((version) => version.versionId === "v1")) problems.push(`policy ${policy.name} has no v1`);
    const created = (versionEvents.get(policy.arn) ?? 0) + 1;
    if (created !== policy.versions.length) problems.push(`policy ${policy.name}: ${policy.versions.length} versions, ${created - 1} iam:CreatePolicyVersion events`);
  }
  // The foreign key should make this impossible; the check is that nothing got around it.
  const everyPolicy = (await db.managedPolicy.findMany({ select: { id: true } })).map((policy) => policy.id);
  const unowned = await db.policyVersion.count({ where: { policyId: { notIn: everyPolicy } } });
  if (unowned > 0) problems.push(`${unowned} policy versions without their policy`);
  return { users: users.length, policies: policies.length, versions, problems };
}

/** A line for the report: how the stream went, per instance. */
export function describeLedger(ledger: Ledger): string {
  const byVia = new Map<string, Entry[]>();
  for (const entry of ledger.entries) byVia.set(entry.via, [...(byVia.get(entry.via) ?? []), entry]);
  return [...byVia]
    .map(([via, entries]) => {
      const ok = entries.filter((entry) => !entry.error);
      const ms = ok.map((entry) => entry.ms).sort((x, y) => x - y);
      const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
      const errors = [...new Set(entries.filter((entry) => entry.error).map((entry) => entry.error))];
      return `${via}: ${ok.length} acknowledged (median ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${ms.at(-1) ?? 0} ms), ${entries.length - ok.length} failed${errors.length ? ` (${errors.join("; ")})` : ""}`;
    })
    .join("\n  ");
}
