import { describe, expect, it } from "vitest";
import { createRoleInput } from "@/app/(console)/roles/new/draftInput";
import { detailsStepErrors, EMPTY_DRAFT, permissionsStepErrors, trustStepErrors, type CreateRoleDraft } from "@/components/roles/wizard/draft";
import { RoleName } from "@/lib/iam/core/validation";
import { CreateRoleWithPolicies } from "@/lib/iam/roles/createRoleWithPolicies";

// The create-role wizard checks each step as the person types, against the rules CreateRole applies
// on the server; and the server action turns whatever the browser sends into CreateRoleWithPolicies'
// input, building the trust policy itself for the signed-in account.
const ACCOUNT = "111122223333";
const draft = (changes: Partial<CreateRoleDraft>): CreateRoleDraft => ({ ...EMPTY_DRAFT, roleName: "Auditor", ...changes });

describe("the create-role wizard's steps", () => {
  it.each(["Auditor", "a+b=c,d.e@f_g-h", "x".repeat(64), "", "x".repeat(65), "has space", "zoë"])("agrees with CreateRole on the role name %j", (roleName) => {
    expect(detailsStepErrors(draft({ roleName })).roleName === undefined).toBe(RoleName.safeParse(roleName).success);
  });

  it("asks for a valid account ID and external ID only where they are used", () => {
    expect(trustStepErrors(draft({ account: "other", otherAccountId: "123" }), false).otherAccountId).toBeDefined();
    expect(trustStepErrors(draft({ account: "this", otherAccountId: "123" }), false)).toEqual({});
    expect(trustStepErrors(draft({ requireExternalId: true, externalId: "x" }), false).externalId).toBeDefined();
    // The external ID belongs to the AWS account choice: a service role ignores what was typed there.
    expect(trustStepErrors(draft({ entityType: "service", requireExternalId: true, externalId: "x" }), false)).toEqual({});
  });

  it("holds a custom trust policy back while the editor lists errors", () => {
    expect(trustStepErrors(draft({ entityType: "custom" }), true).customDocument).toMatch(/Fix the errors/);
    expect(trustStepErrors(draft({ entityType: "custom" }), false)).toEqual({});
    expect(trustStepErrors(draft({ entityType: "account" }), true)).toEqual({});
  });

  it("allows 10 managed policies, not 11, and a boundary only once one is picked", () => {
    const arns = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::${ACCOUNT}:policy/P${i}`);
    expect(permissionsStepErrors(draft({ policyArns: arns(10) }))).toEqual({});
    expect(permissionsStepErrors(draft({ policyArns: arns(11) })).policies).toMatch(/at most 10/);
    expect(permissionsStepErrors(draft({ useBoundary: true })).boundary).toBeDefined();
    expect(permissionsStepErrors(draft({ useBoundary: true, boundaryArn: arns(1)[0]! }))).toEqual({});
  });
});

describe("createRoleInput (the server action's reading of the draft)", () => {
  it("builds the trust policy for the signed-in account and passes every choice on", () => {
    const input = createRoleInput(
      draft({
        requireMfa: true,
        description: "Reads",
        maxSessionHours: 4,
        policyArns: ["arn:aws:iam::aws:policy/IAMReadOnlyAccess", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"],
        useBoundary: true,
        boundaryArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
        tags: [
          { id: 1, key: "team", value: "audit" },
          { id: 2, key: "", value: "" },
        ],
      }),
      ACCOUNT,
    );
    expect(JSON.parse(input.AssumeRolePolicyDocument).Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "sts:AssumeRole",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    });
    expect(input).toMatchObject({
      RoleName: "Auditor",
      Description: "Reads",
      MaxSessionDuration: 14400,
      PermissionsBoundary: "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
      Tags: [{ Key: "team", Value: "audit" }],
      PolicyArns: ["arn:aws:iam::aws:policy/IAMReadOnlyAccess"],
    });
    expect(CreateRoleWithPolicies.input.safeParse(input).success).toBe(true);
  });

  it("leaves the boundary out while the option is off, whatever was picked before", () => {
    expect(createRoleInput(draft({ useBoundary: false, boundaryArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" }), ACCOUNT).PermissionsBoundary).toBeUndefined();
  });

  it("reads a hostile draft field by field: wrong types fall back, and nothing but strings reaches the input", () => {
    const hostile = { entityType: "root", account: 7, roleName: ["x"], requireMfa: "yes", maxSessionHours: "12", policyArns: [1, "arn:aws:iam::aws:policy/X"], tags: "t" } as unknown as CreateRoleDraft;
    const input = createRoleInput(hostile, ACCOUNT);
    expect(input).toMatchObject({ RoleName: "", MaxSessionDuration: 3600, PolicyArns: ["arn:aws:iam::aws:policy/X"], Tags: [] });
    expect(JSON.parse(input.AssumeRolePolicyDocument).Statement[0]).toEqual({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" });
  });
});
