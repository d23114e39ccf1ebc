// The trusted-entities summary of a trust policy, as the roles list and the role page show it. The
// expected words are the AWS console's ("AWS service: ec2", "Account: 123456789012"); the policies
// are the ones AWS's console writes and its documentation shows.

import { describe, expect, it } from "vitest";
import { trustedEntities, trustedEntityLabel, trustedEntityLabels, trustsAnyone } from "@/lib/iam/roles/trustedEntities";

const HERE = "111122223333";
const OTHER = "444455556666";
const policy = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (Principal: unknown, extra: object = {}) => ({ Effect: "Allow", Principal, Action: "sts:AssumeRole", ...extra });

describe("trustedEntities", () => {
  it("names this account and another account by their root ARN or bare ID", () => {
    expect(trustedEntityLabels(policy(allow({ AWS: `arn:aws:iam::${HERE}:root` })), HERE)).toEqual(["This account"]);
    expect(trustedEntityLabels(policy(allow({ AWS: OTHER })), HERE)).toEqual([`Account: ${OTHER}`]);
  });

  it("reads Require MFA and Require external ID from the statement's conditions, as the console writes them", () => {
    const mfa = allow({ AWS: `arn:aws:iam::${HERE}:root` }, { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } });
    const external = allow({ AWS: `arn:aws:iam::${OTHER}:root` }, { Condition: { StringEquals: { "sts:ExternalId": "partner-7" } } });
    const summary = trustedEntities(policy(mfa, external), HERE);
    expect(summary.ok && summary.entities.map((e) => [e.mfaRequired, e.externalIdRequired])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(trustedEntityLabels(policy(mfa, external), HERE)).toEqual(["This account (MFA required)", `Account: ${OTHER} (external ID required)`]);
  });

  it("does not count BoolIfExists as requiring MFA: a request without the key would pass", () => {
    const lax = allow({ AWS: HERE }, { Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } } });
    expect(trustedEntityLabels(policy(lax), HERE)).toEqual(["This account (with conditions)"]);
  });

  it("names users, roles and sessions, AWS services by their short name, and SAML/OIDC providers", () => {
    const text = policy(
      allow({ AWS: [`arn:aws:iam::${HERE}:user/staff/alice`, `arn:aws:iam::${OTHER}:role/Deployer`, `arn:aws:sts::${HERE}:assumed-role/Admin/bob`] }),
      allow({ Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] }),
      { Effect: "Allow", Principal: { Federated: `arn:aws:iam::${HERE}:saml-provider/Okta` }, Action: "sts:AssumeRoleWithSAML" },
      { Effect: "Allow", Principal: { Federated: `arn:aws:iam::${HERE}:oidc-provider/token.actions.githubusercontent.com` }, Action: "sts:AssumeRoleWithWebIdentity" },
    );
    expect(trustedEntityLabels(text, HERE)).toEqual([
      "IAM user: alice",
      "Role: Deployer",
      "Role session: Admin/bob",
      "AWS service: ec2",
      "AWS service: lambda",
      "Identity provider (SAML): Okta",
      "Identity provider (OIDC): token.actions.githubusercontent.com",
    ]);
  });

  it("flags a policy that trusts anyone, unless a condition such as an external ID narrows it", () => {
    const open = trustedEntities(policy(allow("*")), HERE);
    expect(open.ok && open.entities.map(trustsAnyone)).toEqual([true]);
    expect(trustedEntityLabels(policy(allow({ AWS: "*" })), HERE)).toEqual(["Anyone (*)"]);
    const narrowed = trustedEntities(policy(allow({ AWS: "*" }, { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } })), HERE);
    expect(narrowed.ok && narrowed.entities.map((e) => [trustsAnyone(e), trustedEntityLabel(e)])).toEqual([[false, "Anyone (*) (with conditions)"]]);
  });

  it("leaves out Deny statements, repeats a principal once in the labels, and keeps each statement's actions", () => {
    const text = policy(allow({ AWS: HERE }), allow({ AWS: `arn:aws:iam::${HERE}:root` }, { Action: ["sts:AssumeRole", "sts:TagSession"] }), { Effect: "Deny", Principal: { AWS: OTHER }, Action: "sts:AssumeRole" });
    expect(trustedEntityLabels(text, HERE)).toEqual(["This account"]);
    const summary = trustedEntities(text, HERE);
    expect(summary.ok && summary.entities.map((e) => e.actions)).toEqual([["sts:AssumeRole"], ["sts:AssumeRole", "sts:TagSession"]]);
  });

  it("says so when the text is not a policy, rather than showing nothing", () => {
    expect(trustedEntities("{", HERE)).toEqual({ ok: false, problem: "The trust policy is not valid JSON." });
    expect(trustedEntityLabels("[]", HERE)).toEqual(["The trust policy is not a JSON object."]);
  });
});
