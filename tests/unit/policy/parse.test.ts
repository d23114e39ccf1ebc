import { describe, expect, it } from "vitest";
import { isInvalidActionName } from "@/lib/policy/grammar/elements";
import { parsePolicy, readPolicy } from "@/lib/policy/parse";

const codes = (findings: readonly { code: string }[]) => findings.map((f) => f.code);

describe("readPolicy normalisation", () => {
  it("turns string-or-array elements into arrays and a single Statement object into a list", () => {
    const { document, findings } = readPolicy({
      Version: "2012-10-17",
      Statement: { Sid: "One", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
    });
    expect(findings).toEqual([]);
    expect(document).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "One", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }],
    });
  });

  it("flattens Condition into entries with string values, keeping operators as written", () => {
    const { document } = readPolicy({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          NotAction: ["iam:*"],
          NotResource: "arn:aws:iam::123456789012:user/me",
          Condition: {
            BoolIfExists: { "aws:MultiFactorAuthPresent": false },
            NumericLessThan: { "aws:MultiFactorAuthAge": 3600 },
            "ForAnyValue:StringLike": { "aws:TagKeys": ["team", "env*"] },
          },
        },
      ],
    });
    expect(document?.Statement[0]?.Condition).toEqual([
      { operator: "BoolIfExists", key: "aws:MultiFactorAuthPresent", values: ["false"] },
      { operator: "NumericLessThan", key: "aws:MultiFactorAuthAge", values: ["3600"] },
      { operator: "ForAnyValue:StringLike", key: "aws:TagKeys", values: ["team", "env*"] },
    ]);
  });

  it('keeps Principal "*" as "*" and wraps single principal identifiers in arrays', () => {
    const { document } = readPolicy({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" },
        { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root", Service: ["ec2.amazonaws.com"] }, Action: "sts:AssumeRole" },
        { Effect: "Deny", NotPrincipal: { AWS: "*" }, Action: "s3:*", Resource: "*" },
      ],
    });
    expect(document?.Statement.map((s) => s.Principal ?? s.NotPrincipal)).toEqual([
      "*",
      { AWS: ["arn:aws:iam::123456789012:root"], Service: ["ec2.amazonaws.com"] },
      { AWS: ["*"] },
    ]);
  });

  it("returns no document when the grammar finds an error, but still lists every error", () => {
    const result = readPolicy({ Version: "2012-10-17", Statement: [{ Effect: "Permit", Action: "s3:*", NotAction: "iam:*" }] });
    expect(result.document).toBeUndefined();
    expect(codes(result.findings)).toEqual(["INVALID_EFFECT", "UNSUPPORTED_ELEMENT_COMBINATION"]);
  });

  it("returns the document together with non-error notes", () => {
    const result = readPolicy({ Statement: [{ Effect: "Allow", Action: [], Resource: "*" }] });
    expect(result.document?.Statement[0]?.Action).toEqual([]);
    expect(result.findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["warning MISSING_VERSION", "suggestion EMPTY_ARRAY_ACTION"]);
  });

  it("has no positions, since a JS value has no text", () => {
    const { findings } = readPolicy({ Version: "2012-10-17", Statement: [{ Action: "s3:*" }] });
    expect(findings[0]).toEqual({
      severity: "error",
      code: "MISSING_EFFECT",
      message: expect.stringContaining("Effect"),
      path: "Statement[0]",
    });
  });

  it("reads any value without throwing", () => {
    for (const value of [undefined, null, 0, "", [], () => 1, Symbol("x"), new Date(), { Statement: null }]) {
      expect(readPolicy(value).document).toBeUndefined();
    }
  });
});

describe("parsePolicy", () => {
  it("parses valid text into the same document readPolicy gives", () => {
    const value = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
    const result = parsePolicy(JSON.stringify(value, null, 2));
    expect(result).toEqual({ ok: true, document: readPolicy(value).document, findings: [] });
  });

  it("points a syntax error at where the fix goes, and says it with the line", () => {
    const result = parsePolicy('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow" "Action": "s3:*"}\n  ]\n}');
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      expect.objectContaining({ severity: "error", code: "JSON_SYNTAX_ERROR", path: "", line: 4, column: 16 }),
    ]);
    expect(result.findings[0]?.message).toBe('Line 4: a comma is missing between `"Allow"` and `"Action"` — add `,` after `"Allow"`.');
  });

  it("points an invalid value at the value and an invalid element at its key", () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "allow",\n    "Acton": "s3:*"\n  }]\n}';
    const result = parsePolicy(text);
    expect(result.ok).toBe(false);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: "INVALID_EFFECT", path: "Statement[0].Effect", line: 4, column: 15 }));
    expect(result.findings).toContainEqual(expect.objectContaining({ code: "INVALID_POLICY_ELEMENT", path: "Statement[0].Acton", line: 5, column: 5 }));
    expect(result.findings.find((f) => f.code === "INVALID_POLICY_ELEMENT")?.message).toMatch(/Did you mean "Action"/);
  });

  it("points a missing element at the statement's opening brace", () => {
    const result = parsePolicy('{"Version": "2012-10-17",\n "Statement": [\n   {"Effect": "Allow", "Resource": "*"}]}');
    expect(result.findings).toEqual([expect.objectContaining({ code: "MISSING_ACTION", path: "Statement[0]", line: 3, column: 4 })]);
  });

  it("points at an item inside an array", () => {
    const result = parsePolicy('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",\n "Action": ["s3:GetObject", 42], "Resource": "*"}]}');
    expect(result.findings).toEqual([expect.objectContaining({ code: "DATA_TYPE_MISMATCH", path: "Statement[0].Action[1]", line: 2, column: 29 })]);
  });

  it("rejects duplicate keys that JSON.parse would silently merge", () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}';
    expect(() => JSON.parse(text)).not.toThrow();
    const result = parsePolicy(text);
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([expect.objectContaining({ code: "DUPLICATE_KEY", path: "Statement[0].Effect", line: 1, column: 60 })]);
  });

  it("locates condition keys even when they contain dots and slashes", () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",\n"Condition": {"StringEquals": {"aws:PrincipalTag/team.name": []}}}]}';
    const result = parsePolicy(text);
    expect(result.ok).toBe(true);
    expect(result.findings).toEqual([
      expect.objectContaining({ code: "EMPTY_ARRAY_CONDITION", path: "Statement[0].Condition.StringEquals.aws:PrincipalTag/team.name", line: 2, column: 62 }),
    ]);
  });
});

describe("principal wildcards in the grammar", () => {
  const resourcePolicy = (Principal: unknown) => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
  });

  it('accepts "*" alone, as the whole Principal or as a principal type\'s value', () => {
    for (const principal of ["*", { AWS: "*" }, { AWS: ["*", "arn:aws:iam::111122223333:root"] }]) {
      expect(readPolicy(resourcePolicy(principal)).findings).toEqual([]);
    }
  });

  it("rejects a wildcard matching part of a principal, which IAM never stores, and keeps no document", () => {
    const partial = ["arn:aws:iam::111122223333:user/*", "arn:aws:iam::*:root", "arn:aws:sts::111122223333:assumed-role/R/*", "11112222333?", "**"];
    for (const id of partial) {
      const result = readPolicy(resourcePolicy({ AWS: id }));
      expect(result.document, id).toBeUndefined();
      expect(codes(result.findings), id).toEqual(["UNSUPPORTED_WILDCARD_IN_PRINCIPAL"]);
    }
    expect(codes(readPolicy(resourcePolicy({ Service: "*.amazonaws.com" })).findings)).toEqual(["UNSUPPORTED_WILDCARD_IN_PRINCIPAL"]);
  });

  it("points at the offending identifier in text", () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",\n "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/*"]}}]}';
    const result = parsePolicy(text);
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([expect.objectContaining({ code: "UNSUPPORTED_WILDCARD_IN_PRINCIPAL", path: "Statement[0].Principal.AWS[1]", line: 2, column: 58 })]);
  });
});

describe("invalid action names in the grammar", () => {
  it("tells a valid service prefix with an invalid name from a malformed action", () => {
    for (const name of ["s3:GetObject,PutObject", "s3:", "s3:   GetBucket", "S3:Get Object", "execute-api:Invoke/*"]) expect(isInvalidActionName(name), name).toBe(true);
    for (const name of ["s3:GetObject", "s3:Get*", "*", "GetObject", "s*:GetObject", ":GetObject", "s 3:Get", "", "s3:${aws:username}"]) expect(isInvalidActionName(name), name).toBe(false);
  });

  it("reports an invalid name as INVALID_ACTION_NAME and a malformed action as INVALID_ACTION, both errors", () => {
    const { document, findings } = readPolicy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:Get Object", "GetObject", "s3:GetObject"], Resource: "*" }] });
    expect(document).toBeUndefined();
    expect(findings.map((f) => `${f.severity} ${f.code} ${f.path}`)).toEqual(["error INVALID_ACTION_NAME Statement[0].Action[0]", "error INVALID_ACTION Statement[0].Action[1]"]);
  });
});
