const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `since` to `now`. */
export function daysSince(since: Date, now: number): number {
  return Math.max(0, Math.floor((now - since.getTime()) / DAY_MS));
}

/** "Today", "1 day", "93 days": how AWS's console shows password and access-key age. */
export function age(since: Date, now: number): string {
  const days = daysSince(since, now);
  return days === 0 ? "Today" : `${days} day${days === 1 ? "" : "s"}`;
}
