// Pattern coverage for IAM's `*` and `?` wildcards: does every string one pattern matches also
// match another? The redundancy and iam:PassRole checks need it for actions and resource ARNs.

function sameChar(a: string, b: string, ignoreCase: boolean): boolean {
  return a === b || (ignoreCase && a.toLowerCase() === b.toLowerCase());
}

/**
 * True when `general` matches everything `specific` matches. A `*` in `specific` can only be
 * covered by a `*` in `general`, and a `?` by a `?` or `*`, so the answer never over-claims.
 */
export function patternCovers(general: string, specific: string, ignoreCase: boolean): boolean {
  const g = general;
  const s = specific;
  // covered[j] = does g[i..] cover s[j..], computed from the end of g backwards.
  let next = new Array<boolean>(s.length + 1).fill(false);
  next[s.length] = true;
  for (let i = g.length - 1; i >= 0; i--) {
    const current = new Array<boolean>(s.length + 1).fill(false);
    const gc = g[i]!;
    for (let j = s.length; j >= 0; j--) {
      if (gc === "*") {
        current[j] = next[j]! || (j < s.length && current[j + 1]!);
      } else if (j < s.length) {
        const sc = s[j]!;
        const fits = sc !== "*" && (gc === "?" || (sc !== "?" && sameChar(gc, sc, ignoreCase)));
        current[j] = fits && next[j + 1]!;
      }
    }
    next = current;
  }
  return next[0]!;
}

/** True when the wildcard pattern matches the literal text (`iam:Pass*` matches `iam:PassRole`). */
export function wildcardMatches(pattern: string, text: string, ignoreCase: boolean): boolean {
  return !/[*?]/.test(text) && patternCovers(pattern, text, ignoreCase);
}
