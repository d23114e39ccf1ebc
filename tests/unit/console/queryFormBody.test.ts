import { describe, expect, it } from "vitest";
import { decodeFormBody, FormBodyError, isFormContentType } from "@/lib/query/formBody";
import { QueryError } from "@/lib/query/errors";

// Bodies captured from the real clients (aws-cli/botocore and @aws-sdk/client-iam 3.1169) against
// a local listener: the CLI writes spaces as "+" and escapes "*"; the SDK writes "%20".
const CLI_CREATE_USER =
  "Action=CreateUser&Version=2010-05-08&UserName=a&Tags.member.1.Key=team&Tags.member.1.Value=a+b%2Bc&Tags.member.2.Key=k2&Tags.member.2.Value=%C3%A9~%2A";
const CLI_CREATE_POLICY =
  "Action=CreatePolicy&Version=2010-05-08&PolicyName=p&PolicyDocument=%7B%22Version%22%3A+%222012-10-17%22%2C+%22Statement%22%3A+%5B%5D%7D";
const SDK_CREATE_USER = "Action=CreateUser&Version=2010-05-08&UserName=a%20b&Tags.member.1.Key=k&Tags.member.1.Value=v%20w%2Bx";

const asObject = (body: string) => Object.fromEntries(decodeFormBody(body).map((p) => [p.key, p.value]));

describe("decodeFormBody", () => {
  it("decodes the CLI's encoding: + is a space, %2B a plus, UTF-8 escapes", () => {
    expect(decodeFormBody(CLI_CREATE_USER)).toEqual([
      { key: "Action", value: "CreateUser" },
      { key: "Version", value: "2010-05-08" },
      { key: "UserName", value: "a" },
      { key: "Tags.member.1.Key", value: "team" },
      { key: "Tags.member.1.Value", value: "a b+c" },
      { key: "Tags.member.2.Key", value: "k2" },
      { key: "Tags.member.2.Value", value: "é~*" },
    ]);
    expect(asObject(CLI_CREATE_POLICY).PolicyDocument).toBe('{"Version": "2012-10-17", "Statement": []}');
  });

  it("decodes the SDK's encoding: %20 is a space", () => {
    const decoded = asObject(SDK_CREATE_USER);
    expect(decoded.UserName).toBe("a b");
    expect(decoded["Tags.member.1.Value"]).toBe("v w+x");
  });

  it("reads bytes as UTF-8, keeps order and duplicates, skips empty segments, and reads `Name=` as empty", () => {
    const bytes = new TextEncoder().encode("b=2&&a=1&TagKeys=&Flag&b=3&");
    expect(decodeFormBody(bytes)).toEqual([
      { key: "b", value: "2" },
      { key: "a", value: "1" },
      { key: "TagKeys", value: "" },
      { key: "Flag", value: "" },
      { key: "b", value: "3" },
    ]);
    expect(decodeFormBody("")).toEqual([]);
    // Only the first "=" separates: a value may hold more.
    expect(asObject("Marker=abc%3D%3D&X=a=b").X).toBe("a=b");
  });

  it("takes unescaped non-ASCII text as its UTF-8 bytes", () => {
    expect(asObject("Description=caf%C3%A9+é").Description).toBe("café é");
  });

  it.each([
    ["a truncated escape", "UserName=abc%2", 12],
    ["a non-hex escape", "UserName=%zz", 9],
    ["a bare percent", "A=1&UserName=50%", 15],
    ["an escape in a key", "User%GName=x", 4],
  ])("refuses %s with a typed MalformedQueryString error", (_what, body, offset) => {
    let error: unknown;
    try {
      decodeFormBody(body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormBodyError);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as FormBodyError).code).toBe("MalformedQueryString");
    expect((error as FormBodyError).offset).toBe(offset);
  });

  it("refuses escapes that are not UTF-8, and bodies that are not", () => {
    expect(() => decodeFormBody("UserName=%C3%28")).toThrow(FormBodyError);
    expect(() => decodeFormBody("UserName=%FF")).toThrow(FormBodyError);
    expect(() => decodeFormBody(Uint8Array.from([0x41, 0x3d, 0xff]))).toThrow(/not UTF-8/);
  });
});

describe("isFormContentType", () => {
  it.each([
    ["application/x-www-form-urlencoded; charset=utf-8", true], // the CLI
    ["application/x-www-form-urlencoded", true], // the SDK
    ["Application/X-WWW-Form-Urlencoded;charset=UTF-8", true],
    ['application/x-www-form-urlencoded; charset="utf-8"', true],
    ["application/x-www-form-urlencoded; charset=iso-8859-1", false],
    ["application/json", false],
    ["text/plain", false],
    [undefined, false],
  ])("%s → %s", (contentType, expected) => {
    expect(isFormContentType(contentType)).toBe(expected);
  });
});
