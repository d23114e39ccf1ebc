import { describe, expect, it } from "vitest";
import { AttachUserPolicyCommand, IAMClient, CreateUserCommand, SimulateCustomPolicyCommand, UntagUserCommand } from "@aws-sdk/client-iam";
import { decodeFormBody } from "@/lib/query/formBody";
import { QueryError } from "@/lib/query/errors";
import {
  memberPath,
  parseMembers,
  readBoolean,
  readInteger,
  readList,
  readString,
  readStruct,
  validationMessage,
  type QueryStruct,
} from "@/lib/query/members";
import { iamClient } from "./querySdkHarness";

const members = (body: string) => parseMembers(decodeFormBody(body));

function refusal(body: string): QueryError {
  try {
    members(body);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`accepted: ${body}`);
}

/** What the real SDK puts on the wire for a command, read back through our decoder. */
async function sdkMembers(call: (client: IAMClient) => Promise<unknown>): Promise<QueryStruct> {
  const { client, sent } = iamClient(() => ({ status: 200, body: "<X/>" }));
  // The reply is not what the SDK expects; only the request it sent matters here.
  await call(client).catch(() => undefined);
  return members(sent[0]!.body);
}

describe("parseMembers", () => {
  it("builds lists of structures from Tags.member.N.Key, sorted by index", () => {
    const input = members("Action=TagUser&Tags.member.2.Key=b&Tags.member.1.Value=1&Tags.member.1.Key=a&Tags.member.2.Value=2&UserName=x");
    expect(input).toEqual({
      Action: "TagUser",
      Tags: [
        { Value: "1", Key: "a" },
        { Key: "b", Value: "2" },
      ],
      UserName: "x",
    });
    // Numeric order, not string order: 10 after 9.
    const many = Array.from({ length: 11 }, (_, i) => `TagKeys.member.${11 - i}=k${11 - i}`).join("&");
    expect(readList(members(many), "TagKeys")).toEqual(Array.from({ length: 11 }, (_, i) => `k${i + 1}`));
  });

  it("reads lists of strings, lowercase member names and nested structures as sent", () => {
    expect(members("TagKeys.member.1=team&TagKeys.member.2=cost")).toEqual({ TagKeys: ["team", "cost"] });
    expect(members("PolicyArns.member.1.arn=arn:aws:iam::aws:policy/ReadOnlyAccess")).toEqual({
      PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
    });
    expect(
      members("ContextEntries.member.1.ContextKeyName=aws:username&ContextEntries.member.1.ContextKeyValues.member.1=bob&ContextEntries.member.1.ContextKeyType=string"),
    ).toEqual({ ContextEntries: [{ ContextKeyName: "aws:username", ContextKeyValues: ["bob"], ContextKeyType: "string" }] });
  });

  it("reads `Name=` as the empty list, and keeps numbers and booleans as strings until a shape reads them", () => {
    const input = members("TagKeys=&MaxItems=10&OnlyAttached=true&Marker=");
    expect(input).toEqual({ TagKeys: "", MaxItems: "10", OnlyAttached: "true", Marker: "" });
    expect(readList(input, "TagKeys")).toEqual([]);
    expect(readList(input, "Absent")).toBeUndefined();
    expect(readInteger(input, "MaxItems")).toBe(10);
    expect(readBoolean(input, "OnlyAttached")).toBe(true);
    expect(readString(input, "Marker")).toBe("");
  });

  it("refuses a gap in a list with AWS's ValidationError wording, naming the missing item", () => {
    const gap = refusal("Tags.member.1.Key=a&Tags.member.3.Key=c");
    expect(gap.code).toBe("ValidationError");
    expect(gap.message).toBe("1 validation error detected: Value null at 'tags.2.member' failed to satisfy constraint: Member must not be null");
    expect(refusal("TagKeys.member.2=b").message).toContain("at 'tagKeys.1.member'");
    expect(refusal("ContextEntries.member.1.ContextKeyValues.member.2=x").message).toContain("at 'contextEntries.1.member.contextKeyValues.1.member'");
  });

  it.each([
    ["an index from 0", "TagKeys.member.0=a"],
    ["a zero-padded index", "TagKeys.member.01=a"],
    ["a non-numeric index", "TagKeys.member.x=a"],
    ["a list item without an index", "TagKeys.member=a"],
    ["an empty list beside a full one", "TagKeys=&TagKeys.member.1=a"],
    ["a value beside members", "Tags=x&Tags.member.1.Key=a"],
    ["members mixed with fields", "Tags.member.1.Key=a&Tags.Other=b"],
    ["a repeated key", "UserName=a&UserName=b"],
    ["an empty name segment", "Tags..member.1=a"],
  ])("refuses %s", (_what, body) => {
    const error = refusal(body);
    expect(["InvalidQueryParameter", "ValidationError"]).toContain(error.code);
    expect(error.status).toBe(400);
  });
});

describe("the readers", () => {
  const input: QueryStruct = { MaxItems: "abc", Big: "2147483648", Neg: "-5", Flag: "False", Bad: "yes", Tags: [{ Key: "a" }], Struct: { A: "1" }, Empty: "" };

  it("read integers within 32 bits and refuse the rest with the member's path", () => {
    expect(readInteger(input, "Neg")).toBe(-5);
    expect(() => readInteger(input, "MaxItems")).toThrow("1 validation error detected: Value 'abc' at 'maxItems' failed to satisfy constraint: Member must be an integer");
    expect(() => readInteger(input, "Big")).toThrow(QueryError);
  });

  it("read booleans as true/false and refuse anything else", () => {
    expect(readBoolean(input, "Flag")).toBe(false);
    expect(() => readBoolean(input, "Bad")).toThrow(/Value 'yes' at 'bad'/);
  });

  it("refuse a structure where a string belongs, and read `Name=` as an empty structure", () => {
    expect(() => readString(input, "Tags")).toThrow(/at 'tags'/);
    expect(readStruct(input, "Struct")).toEqual({ A: "1" });
    expect(readStruct(input, "Empty")).toEqual({});
    expect(() => readList(input, "Neg")).toThrow(QueryError);
  });

  it("word paths and several problems as AWS does", () => {
    expect(memberPath(["Tags", 2, "Key"])).toBe("tags.2.member.key");
    expect(
      validationMessage([
        { value: "x".repeat(3), path: "userName", constraint: "Member must have length less than or equal to 2" },
        { value: null, path: "path", constraint: "Member must not be null" },
      ]),
    ).toBe(
      "2 validation errors detected: Value 'xxx' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 2; Value null at 'path' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe("what the real SDK sends, read back", () => {
  it("CreateUser with tags", async () => {
    const input = await sdkMembers((c) => c.send(new CreateUserCommand({ UserName: "a b", Path: "/x/", Tags: [{ Key: "k 1", Value: "v&=+%" }, { Key: "k2", Value: "" }] })));
    expect(input).toEqual({
      Action: "CreateUser",
      Version: "2010-05-08",
      UserName: "a b",
      Path: "/x/",
      Tags: [
        { Key: "k 1", Value: "v&=+%" },
        { Key: "k2", Value: "" },
      ],
    });
  });

  it("an empty list as `TagKeys=`", async () => {
    const input = await sdkMembers((c) => c.send(new UntagUserCommand({ UserName: "a", TagKeys: [] })));
    expect(readList(input, "TagKeys")).toEqual([]);
  });

  it("a policy ARN, and nested lists of structures", async () => {
    const attach = await sdkMembers((c) => c.send(new AttachUserPolicyCommand({ UserName: "a", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" })));
    expect(readString(attach, "PolicyArn")).toBe("arn:aws:iam::aws:policy/ReadOnlyAccess");
    const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] });
    const simulate = new SimulateCustomPolicyCommand({
      PolicyInputList: [document],
      ActionNames: ["iam:GetUser", "iam:ListUsers"],
      MaxItems: 5,
      ContextEntries: [{ ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyType: "boolean", ContextKeyValues: ["true"] }],
    });
    const input = await sdkMembers((c) => c.send(simulate));
    expect(readList(input, "PolicyInputList")).toEqual([document]);
    expect(readList(input, "ActionNames")).toEqual(["iam:GetUser", "iam:ListUsers"]);
    expect(readInteger(input, "MaxItems")).toBe(5);
    expect(readList(input, "ContextEntries")).toEqual([{ ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyType: "boolean", ContextKeyValues: ["true"] }]);
  });
});
