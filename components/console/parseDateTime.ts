// Reading a time as people type it into the console's filters: the way the console shows times
// ("1 Dec 2026, 12:00:05", UTC, from DateTime.tsx) or as ISO 8601 ("2026-12-01T12:00"). A time
// is as precise as it is written, so the end of a range takes in all of it: "to 1 Dec 2026" means
// to the end of that day, "to 12:00" to 12:00:59.999.

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

const CONSOLE = /^(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})(?:\s*,?\s*(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:utc|gmt|z)?$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[t\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?)?\s*(?:utc|z)?$/i;

function month(word: string): number {
  const lower = word.toLowerCase();
  return MONTHS.findIndex((name) => name.startsWith(lower));
}

/** The instant `text` names (UTC), at the start or end of what it names; undefined when it names none. */
export function parseDateTime(text: string, edge: "start" | "end"): Date | undefined {
  const trimmed = text.trim();
  const consoleForm = CONSOLE.exec(trimmed);
  const iso = consoleForm ? undefined : ISO.exec(trimmed);
  if (!consoleForm && !iso) return undefined;
  const [year, monthIndex, day, hour, minute, second] = consoleForm
    ? [Number(consoleForm[3]), month(consoleForm[2]!), Number(consoleForm[1]), consoleForm[4], consoleForm[5], consoleForm[6]]
    : [Number(iso![1]), Number(iso![2]) - 1, Number(iso![3]), iso![4], iso![5], iso![6]];
  const h = hour === undefined ? 0 : Number(hour);
  const m = minute === undefined ? 0 : Number(minute);
  const s = second === undefined ? 0 : Number(second);
  const start = new Date(Date.UTC(year, monthIndex, day, h, m, s));
  // Date.UTC rolls 31 Feb over into March; a date that rolled over was not a date.
  if (monthIndex < 0 || start.getUTCDate() !== day || start.getUTCMonth() !== monthIndex || h > 23 || m > 59 || s > 59) return undefined;
  if (edge === "start") return start;
  const span = hour === undefined ? 86_400_000 : second === undefined ? 60_000 : 1_000;
  return new Date(start.getTime() + span - 1);
}
