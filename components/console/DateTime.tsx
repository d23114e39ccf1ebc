// Times are shown in UTC, the same on the server and in the browser, so a rendered page never
// disagrees with itself and the audit log lines up with CloudTrail-style UTC timestamps.
const FORMAT = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
// The audit log tells apart events of the same minute: "1 Dec 2026, 12:00:05 UTC".
const WITH_SECONDS = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

export function formatDateTime(value: Date | string, { seconds = false }: { seconds?: boolean } = {}): string {
  return `${(seconds ? WITH_SECONDS : FORMAT).format(new Date(value))} UTC`;
}

/** A <time> element with the machine-readable ISO value and a readable UTC text. */
export function DateTime({ value, fallback = "Never", seconds = false }: { value?: Date | string | null; fallback?: string; seconds?: boolean }) {
  if (!value) return <span className="text-slate-500">{fallback}</span>;
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{formatDateTime(date, { seconds })}</time>;
}
