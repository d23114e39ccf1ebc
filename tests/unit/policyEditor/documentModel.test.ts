import { describe, expect, it } from "vitest";
import { fromVisualDocument, serialiseDocument, toVisualDocument, writeStatement } from "@/components/policyEditor/documentModel";
import { unsupportedFeature } from "@/components/policyEditor/unsupportedFeature";
import type { VisualDocument, VisualStatement } from "@/components/policyEditor/visualModel";

function model(document: unknown): VisualDocument {
  const result = toVisualDocument(document);
  if (!result.ok) throw new Error(result.reason);
  return result.model;
}

const UNSUPPORTED = {
  Effect: "Deny",
  NotAction: ["iam:*", "sts:GetCallerIdentity"],
  Resource: "*",
  Condition: { "ForAnyValue:StringLike": { "aws:TagKeys": ["team*", "cost-center"] }, Bool: { "aws:MultiFactorAuthPresent": false } },
};

describe("reading statements", () => {
  it("reads a supported statement into service, actions, resources and conditions", () => {
    const [statement] = model({
      Version: "2012-10-17",
      Statement: [{ Sid: "Read", Effect: "Allow", Action: ["iam:GetUser", "iam:ListUsers"], Resource: "arn:aws:iam::123456789012:user/*", Condition: { Bool: { "aws:MultiFactorAuthPresent": true } } }],
    }).statements;
    expect(statement).toMatchObject({
      kind: "visual",
      sid: "Read",
      effect: "Allow",
      service: "iam",
      actions: ["GetUser", "ListUsers"],
      resources: ["arn:aws:iam::123456789012:user/*"],
      conditions: [{ operator: "Bool", key: "aws:MultiFactorAuthPresent", values: ["true"] }],
      actionArray: true,
      resourceArray: false,
    });
  });

  it("names what the visual editor cannot show", () => {
    expect(unsupportedFeature(UNSUPPORTED)).toBe("NotAction");
    expect(unsupportedFeature({ Effect: "Allow", Action: "s3:GetObject", NotResource: "*" })).toBe("NotResource");
    expect(unsupportedFeature({ Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "*" })).toBe("a Principal element");
    expect(unsupportedFeature({ Effect: "Allow", Action: ["s3:GetObject", "iam:GetUser"], Resource: "*" })).toBe("actions of more than one service");
    expect(unsupportedFeature({ Effect: "Allow", Action: "s3:Get*", Resource: "*" })).toBe('the action wildcard "s3:Get*"');
    expect(unsupportedFeature({ Effect: "Allow", Action: "*", Resource: "*" })).toBe('every action of every service ("*")');
    expect(unsupportedFeature({ Effect: "Allow", Action: "s3:ListBucket", Resource: "*", Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } } })).toBe(
      'the set operator "ForAllValues:StringEquals"',
    );
    expect(unsupportedFeature({ Effect: "Allow", Action: "s3:ListBucket", Resource: "*", Condition: { BinaryEquals: { k: "AAA=" } } })).toBe('the condition operator "BinaryEquals"');
    expect(unsupportedFeature({ Effect: "Allow", Action: "s3:ListBucket", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/${aws:username}": "x" } } })).toBe(
      "a policy variable in a condition key",
    );
  });

  it("allows policy variables in resources and condition values", () => {
    expect(unsupportedFeature({ Effect: "Allow", Action: "iam:ChangePassword", Resource: "arn:aws:iam::*:user/${aws:username}" })).toBeUndefined();
    expect(unsupportedFeature({ Effect: "Allow", Action: "s3:ListBucket", Resource: "*", Condition: { StringLike: { "s3:prefix": "home/${aws:username}/*" } } })).toBeUndefined();
  });

  it("refuses documents that are not policy objects", () => {
    expect(toVisualDocument([1, 2]).ok).toBe(false);
    expect(toVisualDocument({ Statement: "x" }).ok).toBe(false);
    expect(toVisualDocument({ Version: "2012-10-17" })).toMatchObject({ ok: true, model: { statements: [] } });
  });
});

describe("round trip", () => {
  it("writes unsupported statements back byte for byte, and the rest in IAM's element order", () => {
    const source = {
      Version: "2012-10-17",
      Id: "example",
      Statement: [{ Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*", Effect: "Allow" }, UNSUPPORTED],
    };
    const text = serialiseDocument(source);
    const back = serialiseDocument(fromVisualDocument(model(JSON.parse(text))));
    expect(back).toContain(JSON.stringify(UNSUPPORTED, null, 2).split("\n").join("\n    "));
    const parsed = JSON.parse(back);
    expect(Object.keys(parsed)).toEqual(["Version", "Id", "Statement"]);
    expect(parsed.Statement[0]).toEqual({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" });
    expect(Object.keys(parsed.Statement[0])).toEqual(["Effect", "Action", "Resource"]);
    expect(parsed.Statement[1]).toEqual(UNSUPPORTED);
  });

  it("keeps the same text for a document already in the editor's layout", () => {
    const text = serialiseDocument({
      Version: "2012-10-17",
      Statement: [
        { Sid: "A", Effect: "Allow", Action: ["iam:GetUser"], Resource: ["*"], Condition: { StringEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] } } },
        { Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" },
        UNSUPPORTED,
      ],
    });
    expect(serialiseDocument(fromVisualDocument(model(JSON.parse(text))))).toBe(text);
  });

  it("keeps a single Statement object as an object", () => {
    const document = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "iam:GetUser", Resource: "*" } };
    expect(fromVisualDocument(model(document))).toEqual(document);
  });
});

describe("writing Action and Resource", () => {
  const base: VisualStatement = { kind: "visual", id: "s", effect: "Allow", service: "iam", actions: ["GetUser"], resources: ["*"], conditions: [], actionArray: false, resourceArray: false };

  it("writes one action as a string and several as an array", () => {
    expect(writeStatement(base).Action).toBe("iam:GetUser");
    expect(writeStatement({ ...base, actions: ["GetUser", "ListUsers"] }).Action).toEqual(["iam:GetUser", "iam:ListUsers"]);
  });

  it("keeps a one-item array when the source wrote an array", () => {
    expect(writeStatement({ ...base, actionArray: true, resourceArray: true })).toMatchObject({ Action: ["iam:GetUser"], Resource: ["*"] });
  });

  it("writes service:* for all actions and an empty list before a service is picked", () => {
    expect(writeStatement({ ...base, actions: ["*"] }).Action).toBe("iam:*");
    expect(writeStatement({ ...base, service: undefined, actions: [] }).Action).toEqual([]);
  });

  it("groups conditions by operator and merges repeated keys", () => {
    const statement = writeStatement({
      ...base,
      conditions: [
        { id: "1", operator: "StringEquals", key: "aws:PrincipalTag/team", values: ["red"] },
        { id: "2", operator: "Bool", key: "aws:SecureTransport", values: ["true"] },
        { id: "3", operator: "StringEquals", key: "aws:PrincipalTag/team", values: ["blue"] },
      ],
    });
    expect(statement.Condition).toEqual({ StringEquals: { "aws:PrincipalTag/team": ["red", "blue"] }, Bool: { "aws:SecureTransport": "true" } });
  });
});
