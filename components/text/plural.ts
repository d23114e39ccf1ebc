/**
 * A count with its noun in agreement: "1 user", "2 users", "1 policy", "3 policies", "5,000 users".
 * `many` is needed only when adding "s" is wrong.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}
