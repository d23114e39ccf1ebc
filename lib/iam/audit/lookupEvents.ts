// The audit log, read as CloudTrail's LookupEvents: every decision and change in the caller's own
// account, newest first, filtered by who, what, outcome, read-only or not, and when. Reading it is
// itself recorded (as a read-only event), as CloudTrail records LookupEvents. A denied event carries
// the engine's explanation of why.

import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { accountOf } from "../core/account";
import { containsIgnoringCase } from "../core/nameFilter";
import { readAuditExplanation, type AuditExplanation } from "./denialExplanation";
import { operation } from "../core/operation";
import { decodeKeysetMarker, DEFAULT_MAX_ITEMS, encodeKeysetMarker, KeysetMarker, MaxItems } from "../core/pagination";
import { Filter, SortOrder } from "../core/validation";

export interface AuditEventView {
  EventId: string;
  EventTime: Date;
  PrincipalArn: string;
  /** iam:CreateUser, signin:ConsoleLogin, … */
  Action: string;
  Resource: string;
  Result: "Allowed" | "Denied" | "Failed";
  ReadOnly: boolean;
  ErrorCode?: string;
  ErrorMessage?: string;
  SourceIpAddress?: string;
  UserAgent?: string;
  /** Events of a role session: the identity that assumed the role. */
  AssumedBy?: string;
  /** "console" or "api": the door the request came through. */
  Door?: string;
  /** sts:AssumeRole (and switching role): the session name asked for. */
  RoleSessionName?: string;
  /** The source identity the request or its session carried. */
  SourceIdentity?: string;
  /** Denied events: why the engine said no. */
  Explanation?: AuditExplanation;
}

export interface LookupEventsOutput {
  Events: AuditEventView[];
  IsTruncated: boolean;
  Marker?: string;
  /** How many events match the filters, on every page. */
  TotalCount: number;
}

const Time = z.coerce.date({ error: "must be a date and time such as 2026-11-27T12:00:00Z" });

const LookupEventsInput = z
  .object({
    /** Console extension: the one event with this ID (the event detail page). */
    EventId: z.string().max(64, "must be at most 64 characters").optional(),
    PrincipalArn: z.string().max(2048, "must be at most 2048 characters").optional(),
    /** A case-insensitive substring of the action: "User" finds iam:CreateUser, iam:DeleteUser, … */
    Action: z.string().max(128, "must be at most 128 characters").optional(),
    Result: z.enum(["Allowed", "Denied", "Failed"], { error: "must be Allowed, Denied or Failed" }).optional(),
    ReadOnly: z.boolean().optional(),
    StartTime: Time.optional(),
    EndTime: Time.optional(),
    /** A case-insensitive substring of the principal, action or resource. */
    Filter: Filter.optional(),
    SortOrder: SortOrder.optional(),
    Marker: KeysetMarker.optional(),
    MaxItems: MaxItems.optional(),
  })
  .refine((input) => !input.StartTime || !input.EndTime || input.StartTime <= input.EndTime, {
    message: "StartTime must not be after EndTime",
    path: ["StartTime"],
  });

interface EventRow {
  sequence: number;
  id: string;
  time: Date;
  principalArn: string;
  action: string;
  resource: string;
  result: string;
  readOnly: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  detail: string | null;
  assumedBy: string | null;
  roleSessionName: string | null;
  sourceIdentity: string | null;
  door: string | null;
}

/** A row as raw SQL returns it: SQLite gives the time as text and booleans as 0 or 1, PostgreSQL a Date and a boolean. */
type RawEventRow = Omit<EventRow, "time" | "readOnly" | "sequence"> & { time: Date | string; readOnly: boolean | number; sequence: number | bigint };

function fromRawRow(row: RawEventRow): EventRow {
  return { ...row, time: new Date(row.time), readOnly: Boolean(row.readOnly), sequence: Number(row.sequence) };
}

function toEventView(row: EventRow): AuditEventView {
  const view: AuditEventView = {
    EventId: row.id,
    EventTime: row.time,
    PrincipalArn: row.principalArn,
    Action: row.action,
    Resource: row.resource,
    Result: row.result as AuditEventView["Result"],
    ReadOnly: row.readOnly,
  };
  if (row.errorCode) view.ErrorCode = row.errorCode;
  if (row.errorMessage) view.ErrorMessage = row.errorMessage;
  if (row.sourceIp) view.SourceIpAddress = row.sourceIp;
  if (row.userAgent) view.UserAgent = row.userAgent;
  if (row.assumedBy) view.AssumedBy = row.assumedBy;
  if (row.door) view.Door = row.door;
  if (row.roleSessionName) view.RoleSessionName = row.roleSessionName;
  if (row.sourceIdentity) view.SourceIdentity = row.sourceIdentity;
  const explanation = readAuditExplanation(row.detail);
  if (explanation) view.Explanation = explanation;
  return view;
}

export const LookupEvents = operation({
  name: "LookupEvents",
  action: "cloudtrail:LookupEvents",
  readOnly: true,
  input: LookupEventsInput,
  resource: () => "*",
  run: async ({ tx, input, caller }): Promise<LookupEventsOutput> => {
    // Raw SQL, so that the text filters match alike on SQLite and PostgreSQL (containsIgnoringCase);
    // the page's rows are then read by their sequence numbers, at most MaxItems + 1 of them.
    const and: Prisma.Sql[] = [Prisma.sql`"accountId" = ${accountOf(caller)}`];
    if (input.EventId) and.push(Prisma.sql`"id" = ${input.EventId}`);
    if (input.PrincipalArn) and.push(Prisma.sql`"principalArn" = ${input.PrincipalArn}`);
    if (input.Action) and.push(containsIgnoringCase(`"action"`, input.Action));
    if (input.Result) and.push(Prisma.sql`"result" = ${input.Result}`);
    if (input.ReadOnly !== undefined) and.push(Prisma.sql`"readOnly" = ${input.ReadOnly}`);
    if (input.StartTime) and.push(Prisma.sql`"time" >= ${input.StartTime}`);
    if (input.EndTime) and.push(Prisma.sql`"time" <= ${input.EndTime}`);
    if (input.Filter) {
      const columns = [`"principalArn"`, `"action"`, `"resource"`].map((column) => containsIgnoringCase(column, input.Filter!));
      and.push(Prisma.sql`(${Prisma.join(columns, " OR ")})`);
    }
    const where = Prisma.join(and, " AND ");
    const descending = input.SortOrder !== "Ascending";
    const after = input.Marker ? decodeKeysetMarker(input.Marker) : undefined;
    // The page continues strictly after the last event shown, in the order events were appended.
    const pageWhere = after === undefined ? where : Prisma.sql`${where} AND "sequence" ${Prisma.raw(descending ? "<" : ">")} ${after}`;
    const max = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const [page, [counted]] = await Promise.all([
      tx.$queryRaw<RawEventRow[]>`SELECT * FROM "AuditEvent" WHERE ${pageWhere} ORDER BY "sequence" ${Prisma.raw(descending ? "DESC" : "ASC")} LIMIT ${max + 1}`,
      tx.$queryRaw<{ total: number | bigint }[]>`SELECT COUNT(*) AS total FROM "AuditEvent" WHERE ${where}`,
    ]);
    const TotalCount = Number(counted?.total ?? 0);
    const rows = page.map(fromRawRow);
    const items = rows.slice(0, max);
    const last = items.at(-1);
    const truncated = rows.length > max && last !== undefined;
    return {
      Events: items.map(toEventView),
      IsTruncated: truncated,
      ...(truncated ? { Marker: encodeKeysetMarker(last.sequence) } : {}),
      TotalCount,
    };
  },
});
