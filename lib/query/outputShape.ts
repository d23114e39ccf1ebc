// An operation's output object, as the XML writer (xml.ts) takes it. The operations already answer
// in AWS's shape (PascalCase members, `User`, `Users`, `IsTruncated`, `Marker`), so the conversion
// is generic: lists become `<member>` lists, dates AWS's timestamps, nested objects elements, and
// unset members are left out. The one thing an object cannot say is whether it is a structure or
// a map (`SummaryMap` is `<entry><key>…</key><value>…</value></entry>`, not `<Users>…</Users>`):
// map members are named in the hints.

import { XmlMap, type XmlStruct, type XmlValue } from "./xml";

export interface OutputHints {
  /** Members whose object is a map shape, written as entries. */
  readonly maps: ReadonlySet<string>;
  /** Members (and map keys) left out wherever they appear: the console's own additions to AWS's shapes. */
  readonly omit?: ReadonlySet<string>;
}

/** AWS's map shapes among IAM's and STS's outputs: GetAccountSummary's SummaryMap. */
export const MAP_MEMBERS: ReadonlySet<string> = new Set(["SummaryMap"]);

const DEFAULT_HINTS: OutputHints = { maps: MAP_MEMBERS };

/**
 * The Result element's members for an operation's output; undefined (no Result element at all) for
 * an operation that answers nothing (`{}`, or nothing but console-only members), as AWS answers
 * DeleteUser and UpdateUser.
 */
export function queryOutput(output: unknown, hints: OutputHints = DEFAULT_HINTS): XmlStruct | undefined {
  if (output === undefined || output === null) return undefined;
  if (!isPlainObject(output)) throw new TypeError(`queryOutput: an operation's output must be an object, not ${describe(output)}`);
  const struct = toStruct(output, hints);
  return Object.keys(struct).length === 0 ? undefined : struct;
}

function toStruct(object: Record<string, unknown>, hints: OutputHints): XmlStruct {
  const out: Record<string, XmlValue> = {};
  for (const [name, value] of Object.entries(object)) {
    if (value === undefined || value === null || hints.omit?.has(name)) continue;
    out[name] = hints.maps.has(name) ? toMap(value, hints, name) : toValue(value, hints, name);
  }
  return out;
}

function toMap(value: unknown, hints: OutputHints, where: string): XmlMap {
  if (!isPlainObject(value)) throw new TypeError(`queryOutput: ${where} is a map and needs an object, not ${describe(value)}`);
  const entries: (readonly [string, XmlValue])[] = [];
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined && entry !== null && !hints.omit?.has(key)) entries.push([key, toValue(entry, hints, `${where}.${key}`)]);
  }
  return new XmlMap(entries);
}

function toValue(value: unknown, hints: OutputHints, where: string): XmlValue {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  // Counts from the database may come back as bigint; IAM's integers all fit a number.
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      if (item === undefined || item === null) throw new TypeError(`queryOutput: ${where}[${i}] is empty; a Query list has no empty members`);
      return toValue(item, hints, `${where}[${i}]`);
    });
  }
  if (isPlainObject(value)) return toStruct(value, hints);
  throw new TypeError(`queryOutput: ${where} is ${describe(value)}, which has no Query form`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return `a ${value.constructor?.name ?? "object"}`;
  return `a ${typeof value}`;
}
