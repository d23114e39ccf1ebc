import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJson, type JsonDocument } from "@/lib/policy/json";

function parsed(text: string): JsonDocument {
  const result = parseJson(text);
  if (!result.ok) throw new Error(`unexpected syntax error: ${result.error.message}`);
  return result.json;
}

function syntaxError(text: string) {
  const result = parseJson(text);
  if (result.ok) throw new Error("expected a syntax error");
  return result.error;
}

describe("parseJson values", () => {
  it("reads the same values as JSON.parse for arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(parsed(text).value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it("rejects exactly the strings JSON.parse rejects", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."{}[]\":,0123456789.-+eEtruefalsn \\u\n") }), (text) => {
        let native = true;
        try {
          JSON.parse(text);
        } catch {
          native = false;
        }
        expect(parseJson(text).ok).toBe(native);
      }),
      { numRuns: 2000 },
    );
  });

  it("decodes escapes, including \\u escapes and surrogate pairs", () => {
    expect(parsed('"a\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00"').value).toBe('a"b\\c/d\n\té😀');
  });

  it("keeps a __proto__ key as a plain property, as JSON.parse does", () => {
    const value = parsed('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("parseJson positions", () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow"}\n  ]\n}';

  it("locates a member's key and value by path, 1-based", () => {
    const json = parsed(text);
    expect(json.locate(["Version"])).toEqual({
      key: { line: 2, column: 3, offset: 4 },
      value: { line: 2, column: 14, offset: 15 },
    });
    expect(json.locate(["Statement", 0, "Effect"])?.value).toMatchObject({ line: 4, column: 16 });
  });

  it("locates array items (which have no key) and the root", () => {
    const json = parsed(text);
    expect(json.locate(["Statement", 0])).toEqual({ value: { line: 4, column: 5, offset: 50 } });
    expect(json.locate([])).toEqual({ value: { line: 1, column: 1, offset: 0 } });
  });

  it("returns undefined for a path that does not exist", () => {
    const json = parsed(text);
    expect(json.locate(["Statement", 3])).toBeUndefined();
    expect(json.locate(["Version", "x"])).toBeUndefined();
  });

  it("counts CRLF line endings as one line break", () => {
    const json = parsed('{\r\n"a": 1}');
    expect(json.locate(["a"])?.key).toMatchObject({ line: 2, column: 1 });
  });
});

describe("parseJson duplicate keys", () => {
  it("reports each repeated key with the position of the repeat, keeping the last value", () => {
    const json = parsed('{"a": 1,\n "b": {"c": 1, "c": 2},\n "a": 3}');
    expect(json.value).toEqual({ a: 3, b: { c: 2 } });
    expect(json.duplicateKeys).toEqual([
      { path: ["b", "c"], key: "c", position: { line: 2, column: 16, offset: 24 } },
      { path: ["a"], key: "a", position: { line: 3, column: 2, offset: 34 } },
    ]);
  });

  it("does not treat keys differing in case as duplicates", () => {
    expect(parsed('{"a": 1, "A": 2}').duplicateKeys).toEqual([]);
  });
});

describe("parseJson syntax errors", () => {
  it("says where the parser stopped and why", () => {
    expect(syntaxError('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ line: 3, column: 3, offset: 13 });
    expect(syntaxError('{"a": [1, 2,]}').message).toMatch(/trailing comma/);
    expect(syntaxError('{"a": 1,}').message).toMatch(/trailing comma/);
  });

  it("reports an unterminated string at the end of the text", () => {
    expect(syntaxError('{"a": "abc')).toMatchObject({ line: 1, column: 11, offset: 10 });
  });

  it("rejects JavaScript-isms that are not JSON", () => {
    for (const text of ["{'a': 1}", "{a: 1}", '{"a": 01}', '{"a": .5}', '{"a": NaN}', '{"a": "x\ty"}', '{"a": "\\x41"}', "[1] [2]"]) {
      expect(parseJson(text).ok, text).toBe(false);
    }
  });

  it("reports empty input instead of a value", () => {
    expect(syntaxError("   ")).toMatchObject({ line: 1, column: 4 });
  });

  it("refuses absurd nesting without overflowing the stack", () => {
    expect(syntaxError("[".repeat(100_000)).message).toMatch(/nested/);
  });

  // How fast is for bench:policy; timing here failed on the shared CI machine under load.
  it("parses a 1 MB policy", () => {
    const statement = { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::bucket/*" };
    const text = JSON.stringify({ Version: "2012-10-17", Statement: Array(10_000).fill(statement) }, null, 2);
    const json = parsed(text);
    expect(json.locate(["Statement", 9999, "Resource"])).toBeDefined();
  });
});
