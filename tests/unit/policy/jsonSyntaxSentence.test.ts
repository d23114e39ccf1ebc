import { describe, expect, it } from "vitest";
import { jsonSyntaxProblem, parseJson, validatePolicy } from "@/lib/policy";

function problem(text: string) {
  const parsed = parseJson(text);
  if (parsed.ok) throw new Error(`expected a syntax error in ${text}`);
  return jsonSyntaxProblem(text, parsed.error);
}

const POLICY_START = '{"Version": "2012-10-17", "Statement": [';

describe("jsonSyntaxProblem: a syntax error as a person would say it", () => {
  it("names what is still open at the end, and what to type to close it", () => {
    expect(problem(`${POLICY_START}{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`).message).toBe(
      "Line 1: the JSON ends before the statement list is closed — add `]}`.",
    );
    expect(problem(`${POLICY_START}{"Effect": "Allow"`).message).toBe("Line 1: the JSON ends before statement 1 is closed — add `}]}`.");
    expect(problem(`${POLICY_START}{}, {"Condition": {"StringEquals": {"aws:username": "bob"`).message).toBe(
      "Line 1: the JSON ends before the StringEquals condition is closed — add `}}}]}`.",
    );
    expect(problem('{"Version": "2012-10-17",').message).toBe("Line 1: the JSON ends after a comma — remove the comma, then add `}` to close the policy.");
    expect(problem(`${POLICY_START}{"Effect": `).message).toBe('Line 1: the JSON ends before the value of `"Effect"` — add a value, then `}]}`.');
  });

  it("reports the end on the line of the last character, not a trailing empty line", () => {
    expect(problem('{\n  "Version": "2012-10-17",\n  "Statement": [\n\n')).toMatchObject({ line: 3, column: 16 });
  });

  it("puts a missing comma after the value before it, on that value's line", () => {
    const result = problem('{\n  "Effect": "Allow"\n  "Action": "s3:*"\n}');
    expect(result).toEqual({ message: 'Line 2: a comma is missing between `"Allow"` and `"Action"` — add `,` after `"Allow"`.', line: 2, column: 13 });
    expect(problem('{"Action": ["s3:GetObject" "s3:PutObject"]}').message).toMatch(/^Line 1: a comma is missing between `"s3:GetObject"` and `"s3:PutObject"`/);
  });

  it("points a trailing comma at the comma, naming the list it ends", () => {
    expect(problem('{"Action": ["s3:GetObject",]}')).toEqual({
      message: "Line 1: remove the comma before `]` — nothing may follow the last item of the Action list.",
      line: 1,
      column: 27,
    });
    expect(problem(`${POLICY_START}{"Effect": "Allow",}]}`).message).toBe("Line 1: remove the comma before `}` — nothing may follow the last item of statement 1.");
  });

  it("asks for double quotes around keys and words", () => {
    expect(problem("{Effect: 1}").message).toBe('Line 1: put the key `Effect` in double quotes: `"Effect"`.');
    expect(problem("{'Effect': 'Allow'}").message).toBe('Line 1: JSON needs double quotes: write `"Effect"` instead of `\'Effect\'`.');
    expect(problem('{"Effect": Allow}').message).toBe('Line 1: put `Allow` in double quotes: `"Allow"` (only true, false and null are written without them).');
    expect(problem('{"a": True}').message).toBe("Line 1: write `true` in lower case.");
  });

  it("says which string is not closed, at the line where it starts", () => {
    expect(problem('{\n  "Effect": "Allow\n}')).toEqual({ message: 'Line 2: the string `"Allow` is not closed — add a closing `"`.', line: 2, column: 13 });
    expect(problem('{"Effect": "Allow').message).toBe('Line 1: the string `"Allow` is not closed — add a closing `"`.');
  });

  it("explains a bracket that closes the wrong thing, a missing colon, an extra closer and stray characters", () => {
    expect(problem('{"Action": ["s3:GetObject"}').message).toBe("Line 1: `}` cannot close the Action list — close it with `]` first.");
    expect(problem('{"Effect" "Allow"}').message).toBe('Line 1: add a colon after the key `"Effect"`.');
    expect(problem('{"a": 1}}').message).toBe("Line 1: there is an extra `}` after the end of the policy — remove it.");
    expect(problem('{"a": #}').message).toMatch(/^Line 1: `#` cannot start a value — a value is a string in double quotes/);
    expect(problem('{"a": ,}').message).toBe('Line 1: `"a"` has no value — write one after its colon.');
    expect(problem('{"a": 01}').message).toBe("Line 1: a number cannot start with 0: write `1`, not `01`.");
  });

  it("never mentions offsets or the parser's own words", () => {
    for (const text of ["{", "[1,", '{"a": "x\\q"}', '{"a" 1}', "{,}", "[1}", '{"a": -}', "   "]) {
      const { message } = problem(text);
      expect(message, text).not.toMatch(/offset|Unexpected|end of input/);
    }
  });

  it("is the message of the engine's JSON_SYNTAX_ERROR finding, positioned where the fix goes", () => {
    const [finding] = validatePolicy(`${POLICY_START}{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`);
    expect(finding).toMatchObject({ code: "JSON_SYNTAX_ERROR", message: "Line 1: the JSON ends before the statement list is closed — add `]}`.", line: 1 });
  });
});
