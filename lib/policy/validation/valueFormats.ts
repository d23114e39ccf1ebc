// The value formats condition operators compare: numbers, dates, booleans, IP ranges, base64. A
// value in the wrong format can never match, so the condition silently never applies.

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH = /^-?\d+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isNumberValue(value: string): boolean {
  return NUMBER.test(value);
}

/** ISO 8601 (`2024-01-31`, `2024-01-31T12:00:00Z`) or epoch seconds, as IAM's date operators accept. */
export function isDateValue(value: string): boolean {
  if (EPOCH.test(value)) return true;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map((p) => (p === undefined ? 0 : Number(p)));
  return month! >= 1 && month! <= 12 && day! >= 1 && day! <= 31 && hour! <= 23 && minute! <= 59 && second! <= 60;
}

export function isBooleanValue(value: string): boolean {
  const lower = value.toLowerCase();
  return lower === "true" || lower === "false";
}

export function isBase64Value(value: string): boolean {
  return value !== "" && BASE64.test(value);
}

function isIpv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIpv6(text: string): boolean {
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
  let count = groups.length;
  const last = groups[groups.length - 1];
  // An IPv6 address may end with an embedded IPv4 address, which takes two groups' room.
  if (last !== undefined && last.includes(".")) {
    if (!isIpv4(last)) return false;
    groups.pop();
    count++;
  }
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** An IPv4 or IPv6 address, optionally with a CIDR prefix length (`203.0.113.0/24`, `2001:db8::/32`). */
export function isIpRangeValue(value: string): boolean {
  const slash = value.indexOf("/");
  const address = slash < 0 ? value : value.slice(0, slash);
  const prefix = slash < 0 ? undefined : value.slice(slash + 1);
  const v4 = isIpv4(address);
  const v6 = !v4 && isIpv6(address);
  if (!v4 && !v6) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128);
}
