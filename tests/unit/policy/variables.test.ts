import { describe, expect, it } from "vitest";
import { parseTemplate, partsToText, resolveTemplate, templateFor } from "@/lib/policy/variables";

const lookup = (ctx: Record<string, string | string[]>) => (key: string) =>
  Object.entries(ctx).find(([k]) => k.toLowerCase() === key)?.[1];

// IAM User Guide, "IAM policy elements: Variables and tags".
describe("policy variables", () => {
  it("substitutes a key case-insensitively", () => {
    const parts = resolveTemplate(parseTemplate("home/${AWS:UserName}/*"), lookup({ "aws:username": "alice" }));
    expect(parts && partsToText(parts)).toBe("home/alice/*");
  });

  it("uses the default when the key is missing: ${key, 'default'}", () => {
    const parts = resolveTemplate(parseTemplate("${aws:PrincipalTag/team, 'none'}"), lookup({}));
    expect(parts && partsToText(parts)).toBe("none");
  });

  it("reads '' inside a default as one quote", () => {
    const parts = resolveTemplate(parseTemplate("${x:y, 'it''s'}"), lookup({}));
    expect(parts && partsToText(parts)).toBe("it's");
  });

  it("fails to resolve a missing key without default", () => {
    expect(resolveTemplate(parseTemplate("a/${aws:username}"), lookup({}))).toBeUndefined();
  });

  it("does not use a multivalued key as a variable", () => {
    expect(resolveTemplate(parseTemplate("${aws:TagKeys}"), lookup({ "aws:TagKeys": ["a", "b"] }))).toBeUndefined();
  });

  it("turns ${*}, ${?} and ${$} into literal characters", () => {
    const parts = resolveTemplate(parseTemplate("a${*}b${?}c${$}d*"), lookup({}))!;
    expect(partsToText(parts)).toBe("a*b?c$d*");
    expect(parts.filter((p) => p.literal).map((p) => p.text)).toEqual(["*", "?", "$"]);
    expect(parts.at(-1)).toEqual({ text: "d*", literal: false });
  });

  it("marks substituted values literal so they never act as wildcards", () => {
    const parts = resolveTemplate(parseTemplate("user/${aws:username}"), lookup({ "aws:username": "*" }))!;
    expect(parts.at(-1)).toEqual({ text: "*", literal: true });
  });

  it("leaves malformed variables as text", () => {
    expect(parseTemplate("${unclosed").pieces).toEqual([{ kind: "text", text: "${unclosed" }]);
    expect(parseTemplate("${a b}").dynamic).toBe(false);
  });

  it("only substitutes when the document version allows it", () => {
    expect(templateFor("${aws:username}", false).dynamic).toBe(false);
    expect(templateFor("${aws:username}", true).dynamic).toBe(true);
  });
});
