import { describe, expect, it } from "vitest";
import { compileParts, matchesFolded, type PatternKind } from "@/lib/policy/wildcard";

const compileWildcard = (pattern: string, kind: PatternKind = "text") => compileParts([{ text: pattern, literal: false }], kind);

// IAM User Guide, "IAM JSON policy elements: Resource": "You can use wildcard characters (* and ?)
// within any ARN segment … An asterisk (*) represents any combination of zero or more characters,
// and a question mark (?) represents any single character."
describe("wildcard matching", () => {
  it.each([
    ["iam:*", "iam:createuser", true],
    ["iam:get*", "iam:getuser", true],
    ["iam:get*", "iam:listusers", false],
    ["*", "anything:at-all", true],
    ["iam:?etuser", "iam:getuser", true],
    ["iam:?etuser", "iam:ggetuser", false],
    ["*user", "iam:getuser", true],
    ["iam:*user*", "iam:listusertags", true],
    ["a*b*c", "aXXbYYc", true],
    ["a*b*c", "aXXbYY", false],
    ["a**b", "ab", true],
    ["", "", true],
    ["", "x", false],
  ])("%s matches %s: %s", (pattern, value, expected) => {
    expect(compileWildcard(pattern)(value)).toBe(expected);
  });

  it("gives regular-expression characters no special meaning", () => {
    expect(compileWildcard("user/a.b")("user/aXb")).toBe(false);
    expect(compileWildcard("user/a.b")("user/a.b")).toBe(true);
    expect(compileWildcard("user/[ab]+")("user/a")).toBe(false);
    expect(compileWildcard("user/[ab]+")("user/[ab]+")).toBe(true);
    expect(compileWildcard("^user$")("^user$")).toBe(true);
  });

  it("is case-sensitive (ARN matching)", () => {
    expect(compileWildcard("arn:aws:iam::123456789012:user/Bob", "resource-arn")("arn:aws:iam::123456789012:user/bob")).toBe(false);
  });

  it("lets * span slashes in the resource part of an ARN", () => {
    const m = compileWildcard("arn:aws:iam::123456789012:user/*", "resource-arn");
    expect(m("arn:aws:iam::123456789012:user/division/team/alice")).toBe(true);
    expect(m("arn:aws:iam::123456789012:group/admins")).toBe(false);
  });

  it("keeps wildcards in the first five ARN segments inside their segment", () => {
    const m = compileWildcard("arn:aws:iam::*:user/alice", "resource-arn");
    expect(m("arn:aws:iam::123456789012:user/alice")).toBe(true);
    // A * in the account segment must not swallow the colon that starts the resource part.
    expect(m("arn:aws:iam::123456789012:extra:user/alice")).toBe(false);
    expect(compileWildcard("arn:aws:iam::12345678901?:user/*", "resource-arn")("arn:aws:iam::123456789012:user/x")).toBe(true);
    expect(compileWildcard("arn:aws:*:*:*:*", "resource-arn")("arn:aws:s3:::bucket/key:with:colons")).toBe(true);
  });

  it("treats literal parts (substituted policy variables) as plain text", () => {
    const m = compileParts([
      { text: "arn:aws:iam::123456789012:user/", literal: false },
      { text: "a*", literal: true },
    ], "resource-arn");
    expect(m("arn:aws:iam::123456789012:user/a*")).toBe(true);
    expect(m("arn:aws:iam::123456789012:user/alice")).toBe(false);
  });
});

// IAM User Guide, "IAM JSON policy elements: Action": action names are case-insensitive.
describe("action pattern matching", () => {
  it.each([
    ["IAM:Get*", "iam:getuser", true],
    ["iam:GETUSER", "iam:getuser", true],
    ["iam:?etUser", "iam:getuser", true],
    ["iam:Get*", "iam:listusers", false],
    ["*", "s3:getobject", true],
    ["s3:*Object*", "s3:putobjectacl", true],
    ["s3:Get", "s3:getobject", false],
  ])("%s matches %s: %s", (pattern, action, expected) => {
    expect(matchesFolded(pattern, action)).toBe(expected);
  });
});

