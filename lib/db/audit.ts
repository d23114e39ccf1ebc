// Appending to the audit log. Operations (lib/iam) and sign-in (lib/auth) both record events, each
// through the transaction of the change it records, so an event exists exactly when its change does.
// Events are numbered in the order they are appended (AuditEvent.sequence), so the log reads in that
// order even when several events share a millisecond.

import "server-only";
import type { Tx } from "./client";

export type AuditResult = "Allowed" | "Denied" | "Failed";

export interface AuditEventInput {
  readonly accountId?: string;
  readonly principalArn: string;
  readonly action: string;
  readonly resource: string;
  readonly result: AuditResult;
  readonly readOnly?: boolean;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  /** A denial's explanation, already serialised and bounded by its author (lib/iam). */
  readonly detail?: string;
  /** Role sessions: who assumed the role; AssumeRole: the session name and source identity asked for. */
  readonly assumedBy?: string;
  readonly roleSessionName?: string;
  readonly sourceIdentity?: string;
  /** "console" or "api": the door the request came through. */
  readonly door?: string;
}

// Bounded so that a hostile user agent or message cannot bloat the log.
const clip = (text: string | undefined, max: number) => (text === undefined ? undefined : text.slice(0, max));

function row(event: AuditEventInput) {
  return {
    accountId: event.accountId,
    principalArn: event.principalArn,
    action: event.action,
    resource: event.resource,
    result: event.result,
    readOnly: event.readOnly ?? false,
    errorCode: event.errorCode,
    errorMessage: clip(event.errorMessage, 2000),
    sourceIp: clip(event.sourceIp, 64),
    userAgent: clip(event.userAgent, 512),
    detail: event.detail,
    assumedBy: event.assumedBy,
    roleSessionName: clip(event.roleSessionName, 64),
    sourceIdentity: clip(event.sourceIdentity, 64),
    door: event.door,
  };
}

export async function appendAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({ data: row(event) });
}

/** Several events in one statement, numbered in the order given. */
export async function appendAuditEvents(tx: Tx, events: readonly AuditEventInput[]): Promise<void> {
  if (events.length === 1) await appendAuditEvent(tx, events[0]!);
  else if (events.length > 1) await tx.auditEvent.createMany({ data: events.map(row) });
}
