// Marker/MaxItems pagination, as AWS's List* APIs page. The Marker is opaque to callers; inside it is
// the offset of the next page, which the database skips to (no page is ever assembled in memory).

import { z } from "zod";

export const DEFAULT_MAX_ITEMS = 100;

const MARKER_PREFIX = "p1:";

export function encodeMarker(offset: number): string {
  return Buffer.from(`${MARKER_PREFIX}${offset}`, "utf8").toString("base64url");
}

function decodeMarker(marker: string): number | undefined {
  const text = Buffer.from(marker, "base64url").toString("utf8");
  if (!text.startsWith(MARKER_PREFIX)) return undefined;
  const offset = Number(text.slice(MARKER_PREFIX.length));
  return Number.isSafeInteger(offset) && offset >= 0 ? offset : undefined;
}

/**
 * A Marker must be one this module handed out. Inputs keep it as the string callers pass (pages type
 * their inputs with the schema's output), and pageWindow decodes it.
 */
export const Marker = z
  .string()
  .max(320, "is not a marker returned by a previous page")
  .refine((marker) => decodeMarker(marker) !== undefined, "is not a marker returned by a previous page: start again from the first page");

export const MaxItems = z.coerce
  .number()
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(1000, "must be at most 1000");

/** The pagination fields of a List* input. */
export const PageInput = { Marker: Marker.optional(), MaxItems: MaxItems.optional() };

export interface PageRequest {
  readonly Marker?: string;
  readonly MaxItems?: number;
}

/** skip/take for the database: one row more than the page, to learn whether another page follows. */
export function pageWindow(request: PageRequest): { skip: number; take: number; max: number } {
  const max = request.MaxItems ?? DEFAULT_MAX_ITEMS;
  return { skip: request.Marker === undefined ? 0 : (decodeMarker(request.Marker) ?? 0), take: max + 1, max };
}

/** The pagination fields of a List* output. */
export interface Page {
  readonly IsTruncated: boolean;
  readonly Marker?: string;
}

export interface PageResult<T> {
  readonly items: T[];
  readonly IsTruncated: boolean;
  readonly Marker?: string;
}

/** Trims the extra row fetched by pageWindow and hands out the next page's Marker. */
export function toPage<T>(rows: T[], request: PageRequest): PageResult<T> {
  const { skip, max } = pageWindow(request);
  const truncated = rows.length > max;
  return truncated
    ? { items: rows.slice(0, max), IsTruncated: true, Marker: encodeMarker(skip + max) }
    : { items: rows, IsTruncated: false };
}

/** IsTruncated, and Marker only when another page follows (AWS leaves it out on the last page). */
export function pageFields(page: PageResult<unknown>): Page {
  return page.Marker ? { IsTruncated: page.IsTruncated, Marker: page.Marker } : { IsTruncated: page.IsTruncated };
}

// Keyset markers, for the audit log: events arrive while someone pages through them newest first,
// and an offset would shift by one with every new event (repeating rows). A marker that names the
// last event shown (its sequence number) continues exactly after it, however many events arrive since.
const KEYSET_PATTERN = /^k2:(\d{1,15})$/;

export function encodeKeysetMarker(lastSequence: number): string {
  return Buffer.from(`k2:${lastSequence}`, "utf8").toString("base64url");
}

export function decodeKeysetMarker(marker: string): number | undefined {
  const match = KEYSET_PATTERN.exec(Buffer.from(marker, "base64url").toString("utf8"));
  return match ? Number(match[1]) : undefined;
}

export const KeysetMarker = z
  .string()
  .max(320, "is not a marker returned by a previous page")
  .refine((marker) => decodeKeysetMarker(marker) !== undefined, "is not a marker returned by a previous page: start again from the first page");
