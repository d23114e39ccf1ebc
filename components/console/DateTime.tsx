// Times are shown in UTC, the same on the server and in the browser, so a rendered page never
// disagrees with itself and the audit log lines up with CloudTrail-style UTC timestamps.
const FORMAT = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function formatDateTime(value: Date | string): string {
  return `${FORMAT.format(new Date(value))} UTC`;
}

/** A <time> element with the machine-readable ISO value and a readable UTC text. */
export function DateTime({ value, fallback = "Never" }: { value?: Date | string | null; fallback?: string }) {
  if (!value) return <span className="text-slate-500">{fallback}</span>;
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>;
}
