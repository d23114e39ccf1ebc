// Redundant actions and resources: an item already covered by another item of the same element
// (`s3:GetObject` next to `s3:Get*`, or a second copy of the same ARN) changes nothing and hides
// what the statement really allows. Actions compare case-insensitively, ARNs case-sensitively.

import { draft, type DraftFinding } from "../grammar/draft";
import { elementPath } from "../grammar/reading";
import { forEachStatement, type PolicyCheck } from "./context";
import { patternCovers } from "./wildcard";

const ELEMENTS = [
  ["Action", "REDUNDANT_ACTION", true],
  ["NotAction", "REDUNDANT_ACTION", true],
  ["Resource", "REDUNDANT_RESOURCE", false],
  ["NotResource", "REDUNDANT_RESOURCE", false],
] as const;

/** For each item, the index of an item that makes it redundant (the earlier of two equals wins). */
export function redundantItems(items: readonly string[], ignoreCase: boolean): Map<number, number> {
  const redundant = new Map<number, number>();
  const same = (a: string, b: string) => (ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
  items.forEach((item, i) => {
    const cover = items.findIndex((other, j) => {
      if (j === i || redundant.has(j)) return false;
      if (same(other, item)) return j < i;
      return patternCovers(other, item, ignoreCase);
    });
    if (cover >= 0) redundant.set(i, cover);
  });
  return redundant;
}

export const checkRedundancy: PolicyCheck = ({ reading }) => {
  const findings: DraftFinding[] = [];
  forEachStatement(reading, (statement, source) => {
    for (const [element, code, ignoreCase] of ELEMENTS) {
      const items = statement[element];
      if (!items || items.length < 2) continue;
      for (const [i, cover] of redundantItems(items, ignoreCase)) {
        findings.push(
          draft("suggestion", code, `"${items[i]}" is already covered by "${items[cover]}" in this ${element}. Remove it.`, elementPath(source, element, i)),
        );
      }
    }
  });
  return findings;
};
