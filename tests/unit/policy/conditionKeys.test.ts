import { describe, expect, it } from "vitest";
import { conditionKeysOf, parsePolicy, statementSpans, type PolicyDocument } from "@/lib/policy";

function parsed(text: string): PolicyDocument {
  const result = parsePolicy(text);
  if (!result.ok) throw new Error(result.findings[0]!.message);
  return result.document;
}

describe("conditionKeysOf", () => {
  it("lists each key once, as first written, across statements and documents", () => {
    const a = parsed(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/Team": "a", "s3:prefix": "x" }, Null: { "AWS:principaltag/team": "false" } } }] }));
    const b = parsed(JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { "ForAnyValue:StringLike": { "aws:TagKeys": ["a*"] }, StringEquals: { "S3:Prefix": "y" } } } }));
    expect(conditionKeysOf([a, b])).toEqual(["aws:PrincipalTag/Team", "s3:prefix", "aws:TagKeys"]);
    expect(conditionKeysOf([parsed('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}')])).toEqual([]);
  });
});

describe("statementSpans", () => {
  it("gives each statement's first and last character as 1-based lines and columns", () => {
    const text = ['{', '  "Version": "2012-10-17",', '  "Statement": [', '    {"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "a}]\\"b"},', '    {', '      "Effect": "Deny",', '      "Action": "*", "Resource": "*"', '    }', '  ]', '}'].join("\n");
    expect(statementSpans(text).map((s) => [s.start.line, s.start.column, s.end.line, s.end.column])).toEqual([
      [4, 5, 4, 72],
      [5, 5, 8, 5],
    ]);
  });

  it("handles a single statement written as an object, and text that is not JSON", () => {
    const text = '{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}';
    expect(statementSpans(text)).toEqual([{ start: { line: 1, column: 15, offset: 14 }, end: { line: 1, column: 65, offset: 64 } }]);
    expect(statementSpans("{not json")).toEqual([]);
    expect(statementSpans('{"Version": "2012-10-17"}')).toEqual([]);
  });
});
