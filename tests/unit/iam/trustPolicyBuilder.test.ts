// The create-role wizard's trust policies: each choice writes the statement the AWS console writes
// (IAM User Guide, "Creating a role to delegate permissions to an IAM user" / "… to an AWS
// service"), and every one of them passes the engine's trust-policy rules with no error.

import { describe, expect, it } from "vitest";
import { COMMON_SERVICES, trustedEntityErrors, trustPolicyText, type TrustedEntity } from "@/lib/iam/roles/trustPolicyBuilder";
import { validatePolicy } from "@/lib/policy";

const THIS_ACCOUNT = "111122223333";
const OTHER_ACCOUNT = "444455556666";

const account = (change: Partial<Extract<TrustedEntity, { type: "account" }>> = {}): TrustedEntity => ({
  type: "account",
  account: "this",
  otherAccountId: "",
  requireExternalId: false,
  externalId: "",
  requireMfa: false,
  ...change,
});
const service = (service: string, otherService = ""): TrustedEntity => ({ type: "service", service, otherService });

const statementOf = (entity: TrustedEntity) => {
  const document = JSON.parse(trustPolicyText(entity, THIS_ACCOUNT));
  expect(document.Version).toBe("2012-10-17");
  expect(document.Statement).toHaveLength(1);
  return document.Statement[0];
};

const errorsOf = (text: string) => validatePolicy(text, { kind: "trust" }).filter((finding) => finding.severity === "error");

describe("trustPolicyText", () => {
  it("this account: the account's root ARN, sts:AssumeRole, no Condition", () => {
    expect(statementOf(account())).toEqual({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${THIS_ACCOUNT}:root` }, Action: "sts:AssumeRole" });
  });

  it("another account: that account's root ARN", () => {
    expect(statementOf(account({ account: "other", otherAccountId: ` ${OTHER_ACCOUNT} ` })).Principal).toEqual({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` });
  });

  it("Require external ID writes StringEquals sts:ExternalId", () => {
    expect(statementOf(account({ account: "other", otherAccountId: OTHER_ACCOUNT, requireExternalId: true, externalId: "Partner-42" })).Condition).toEqual({
      StringEquals: { "sts:ExternalId": "Partner-42" },
    });
  });

  it("Require MFA writes Bool aws:MultiFactorAuthPresent true", () => {
    expect(statementOf(account({ requireMfa: true })).Condition).toEqual({ Bool: { "aws:MultiFactorAuthPresent": "true" } });
  });

  it("both options merge into one Condition block", () => {
    expect(statementOf(account({ requireExternalId: true, externalId: "abc", requireMfa: true })).Condition).toEqual({
      StringEquals: { "sts:ExternalId": "abc" },
      Bool: { "aws:MultiFactorAuthPresent": "true" },
    });
  });

  it("an unticked option writes nothing, whatever was typed for it", () => {
    expect(statementOf(account({ requireExternalId: false, externalId: "left-over" })).Condition).toBeUndefined();
  });

  it("an AWS service: its service principal", () => {
    expect(statementOf(service("ec2.amazonaws.com"))).toEqual({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });
    expect(statementOf(service("other", " sagemaker.amazonaws.com ")).Principal).toEqual({ Service: "sagemaker.amazonaws.com" });
  });

  it("custom: exactly the text written", () => {
    const text = '{"Version":"2012-10-17","Statement":[]}';
    expect(trustPolicyText({ type: "custom", document: text }, THIS_ACCOUNT)).toBe(text);
  });
});

describe("every generated policy passes the engine's trust-policy rules", () => {
  const cases: [string, TrustedEntity][] = [
    ["this account", account()],
    ["this account with MFA", account({ requireMfa: true })],
    ["another account with an external ID", account({ account: "other", otherAccountId: OTHER_ACCOUNT, requireExternalId: true, externalId: "x".repeat(1224) })],
    ["another account with an external ID and MFA", account({ account: "other", otherAccountId: OTHER_ACCOUNT, requireExternalId: true, externalId: "a:b/c=d,e.f@g+h_i-j", requireMfa: true })],
    ...COMMON_SERVICES.map((s): [string, TrustedEntity] => [s.label, service(s.principal)]),
    ["another service", service("other", "sagemaker.amazonaws.com")],
  ];
  it.each(cases)("%s", (_label, entity) => {
    expect(trustedEntityErrors(entity)).toEqual({});
    expect(errorsOf(trustPolicyText(entity, THIS_ACCOUNT))).toEqual([]);
  });
});

describe("trustedEntityErrors", () => {
  it("needs a 12-digit account ID for another account", () => {
    for (const id of ["", "12345678901", "1234567890123", "12345678901a"]) {
      expect(trustedEntityErrors(account({ account: "other", otherAccountId: id })).otherAccountId).toMatch(/12-digit/);
    }
    // This account needs none: the ID field is left as it was.
    expect(trustedEntityErrors(account({ account: "this", otherAccountId: "nope" }))).toEqual({});
  });

  it("checks the external ID's length (2 to 1,224) and characters, only when required", () => {
    expect(trustedEntityErrors(account({ requireExternalId: true, externalId: "a" })).externalId).toMatch(/2 to 1,224 characters/);
    expect(trustedEntityErrors(account({ requireExternalId: true, externalId: "a".repeat(1225) })).externalId).toMatch(/2 to 1,224 characters/);
    expect(trustedEntityErrors(account({ requireExternalId: true, externalId: "has space" })).externalId).toMatch(/may contain only/);
    expect(trustedEntityErrors(account({ requireExternalId: true, externalId: "ab" }))).toEqual({});
    expect(trustedEntityErrors(account({ requireExternalId: false, externalId: "bad id" }))).toEqual({});
  });

  it("needs a service principal for another service", () => {
    expect(trustedEntityErrors(service("other", "")).service).toMatch(/service principal/);
    expect(trustedEntityErrors(service("other", "SageMaker")).service).toMatch(/service principal/);
    expect(trustedEntityErrors(service("other", "sagemaker.amazonaws.com"))).toEqual({});
  });
});
