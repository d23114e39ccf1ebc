import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateCase } from "@/lib/policy/cases";
import { validatePolicy, type PolicyContainer } from "@/lib/policy/validate";
import { POLICY_KINDS, type PolicyKind } from "@/lib/policy/types";

/** A valid identity policy whose JSON (without white space) is exactly `size` characters. */
function policyOfSize(size: number): { Version: string; Statement: object[] } {
  const build = (name: string) => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${name}` }],
  });
  const overhead = JSON.stringify(build("")).length;
  return build("b".repeat(size - overhead));
}

const sizeCodes = (findings: readonly { code: string }[]) => findings.map((f) => f.code).filter((c) => c.startsWith("POLICY_SIZE"));

describe("validatePolicy size quotas (IAM does not count white space)", () => {
  const quotas: [PolicyContainer, number, string][] = [
    ["managed", 6144, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"],
    ["user-inline", 2048, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"],
    ["group-inline", 5120, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"],
    ["role-inline", 10240, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"],
    ["session", 2048, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"],
    ["scp", 5120, "POLICY_SIZE_EXCEEDS_SCP_QUOTA"],
    ["rcp", 5120, "POLICY_SIZE_EXCEEDS_RCP_QUOTA"],
  ];
  for (const [container, quota, code] of quotas) {
    it(`${container}: accepts ${quota} characters and rejects ${quota + 1}`, () => {
      const kind: PolicyKind = container === "scp" || container === "session" || container === "rcp" ? container : "identity";
      expect(sizeCodes(validatePolicy(policyOfSize(quota), { kind, container }))).toEqual([]);
      const over = validatePolicy(policyOfSize(quota + 1), { kind, container });
      expect(over).toContainEqual(expect.objectContaining({ severity: "error", code, path: "" }));
      expect(over.find((f) => f.code === code)?.message).toContain(`${quota + 1} characters`);
    });
  }

  it("trust policies: 2,048 characters", () => {
    const trust = (n: number) => ({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::123456789012:role/${"r".repeat(n)}` }, Action: "sts:AssumeRole" }],
    });
    const overhead = JSON.stringify(trust(0)).length;
    expect(sizeCodes(validatePolicy(trust(2048 - overhead), { kind: "resource", container: "trust" }))).toEqual([]);
    expect(sizeCodes(validatePolicy(trust(2049 - overhead), { kind: "resource" }))).toEqual(["POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA"]);
    // Kind trust gets the trust policy quota by default, and so does the trust container alone.
    expect(sizeCodes(validatePolicy(trust(2048 - overhead), { kind: "trust" }))).toEqual([]);
    expect(sizeCodes(validatePolicy(trust(2049 - overhead), { kind: "trust" }))).toEqual(["POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA"]);
    expect(sizeCodes(validatePolicy(trust(2049 - overhead), { container: "trust" }))).toEqual(["POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA"]);
  });

  it("resource control policies: 5,120 characters by default for kind rcp", () => {
    const rcp = (n: number) => ({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `arn:aws:s3:::${"b".repeat(n)}/*` }],
    });
    const overhead = JSON.stringify(rcp(0)).length;
    expect(validatePolicy(rcp(5120 - overhead), { kind: "rcp" }).filter((f) => f.severity === "error")).toEqual([]);
    expect(sizeCodes(validatePolicy(rcp(5121 - overhead), { kind: "rcp" }))).toEqual(["POLICY_SIZE_EXCEEDS_RCP_QUOTA"]);
  });

  it("does not count spaces, tabs or line breaks in text", () => {
    const text = JSON.stringify(policyOfSize(2048), null, "\t\t    ").replace(/,/g, ",\r\n");
    expect(text.length).toBeGreaterThan(2100);
    expect(sizeCodes(validatePolicy(text, { container: "user-inline" }))).toEqual([]);
  });

  it("picks the quota from the kind when no container is given", () => {
    const policy = policyOfSize(3000);
    expect(sizeCodes(validatePolicy(policy, { kind: "identity" }))).toEqual([]); // managed: 6,144
    expect(sizeCodes(validatePolicy(policy, { kind: "boundary" }))).toEqual([]); // managed: 6,144
    expect(sizeCodes(validatePolicy(policy, { kind: "session" }))).toHaveLength(1); // 2,048
  });
});

describe("validatePolicy positions", () => {
  const text = [
    "{",
    '  "Version": "2012-10-17",',
    '  "Statement": [',
    "    {",
    '      "Sid": "read-all",',
    '      "Effect": "Allow",',
    '      "Action": ["s3:Get*", "s3:GetObject", "iam:PassRole"],',
    '      "Resource": "*",',
    '      "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "one hour"}}',
    "    }",
    "  ]",
    "}",
  ].join("\n");
  const findings = validatePolicy(text);
  const at = (code: string) => findings.find((f) => f.code === code);

  it("places each finding on the offending value", () => {
    expect(at("UNSUPPORTED_SID")).toMatchObject({ path: "Statement[0].Sid", line: 5, column: 14 });
    expect(at("REDUNDANT_ACTION")).toMatchObject({ path: "Statement[0].Action[1]", line: 7, column: 29 });
    expect(at("PASS_ROLE_WITH_STAR_IN_RESOURCE")).toMatchObject({ path: "Statement[0].Resource", line: 8, column: 19 });
    expect(at("TYPE_MISMATCH_NUMBER")).toMatchObject({
      path: "Statement[0].Condition.NumericLessThan.aws:MultiFactorAuthAge",
      line: 9,
      column: 67,
    });
  });

  it("gives the same findings for text and for the parsed value, minus positions", () => {
    const strip = (f: { severity: string; code: string; path: string; message: string }) => ({ severity: f.severity, code: f.code, path: f.path, message: f.message });
    expect(validatePolicy(JSON.parse(text)).map(strip)).toEqual(findings.map(strip));
    expect(validatePolicy(JSON.parse(text)).every((f) => f.line === undefined)).toBe(true);
  });

  it("lists errors first, then security warnings, warnings and suggestions", () => {
    const order = ["error", "security-warning", "warning", "suggestion"];
    const ranks = findings.map((f) => order.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(findings.map((f) => f.severity)).size).toBe(3);
  });

  it("keeps validating a policy that still has grammar errors", () => {
    const broken = validatePolicy({ Version: "2012-10-17", Statement: [{ Effect: "Alow", Action: "s3:*", Principal: "*" }] });
    expect(broken.map((f) => f.code)).toEqual(expect.arrayContaining(["INVALID_EFFECT", "UNSUPPORTED_PRINCIPAL", "MISSING_RESOURCE"]));
  });
});

describe("validatePolicy never throws", () => {
  const kinds = fc.constantFrom<PolicyKind>(...POLICY_KINDS);

  it("knows every kind, trust and rcp included, and validates each by its own rules", () => {
    expect([...POLICY_KINDS].sort()).toEqual(["boundary", "identity", "rcp", "resource", "scp", "session", "trust"]);
    // One document, seven verdicts: an unknown kind would fall back to identity and say the same as it.
    const statement = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" };
    const codes = (kind: PolicyKind) => validatePolicy({ Version: "2012-10-17", Statement: [statement] }, { kind }).filter((f) => f.severity === "error").map((f) => f.code).sort();
    expect(codes("trust")).toEqual([]);
    expect(codes("resource")).toEqual(["MISSING_RESOURCE"]);
    expect(codes("identity")).toEqual(["MISSING_RESOURCE", "UNSUPPORTED_PRINCIPAL"]);
    expect(codes("scp")).toEqual(["SCP_SYNTAX_ERROR_PRINCIPAL"]);
    expect(codes("rcp")).toEqual(["MISSING_RESOURCE", "RCP_SYNTAX_ERROR_ALLOW", "RCP_SYNTAX_ERROR_PRINCIPAL"]);
  });

  it("for arbitrary JS values and kinds", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true }), kinds, (value, kind) => {
        const findings = validatePolicy(value, { kind });
        expect(Array.isArray(findings)).toBe(true);
        expect(findings.map((f) => f.code)).not.toContain("UNREADABLE_POLICY");
      }),
      { numRuns: 500 },
    );
  });

  it("for arbitrary strings, and for policy-shaped JSON with arbitrary values", () => {
    const element = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }));
    const statement = fc.record(
      { Sid: element, Effect: fc.constantFrom("Allow", "Deny", "x"), Principal: element, Action: element, NotAction: element, Resource: element, NotResource: element, Condition: fc.dictionary(fc.constantFrom("StringEquals", "IpAddress", "DateLessThan", "Bogus", "ForAllValues:ArnLike", "NullIfExists"), fc.dictionary(fc.string(), element)) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), statement.map((s) => JSON.stringify({ Version: "2012-10-17", Statement: [s] }))), kinds, (text, kind) => {
        expect(Array.isArray(validatePolicy(text, { kind }))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("for hostile values and nonsense options", () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error("no keys"); } });
    expect(validatePolicy(hostile)).toEqual([expect.objectContaining({ severity: "error", code: "UNREADABLE_POLICY" })]);
    const cyclic: Record<string, unknown> = { Version: "2012-10-17" };
    cyclic.Statement = [cyclic];
    expect(validatePolicy(cyclic).map((f) => f.code)).toContain("MISSING_EFFECT");
    expect(validatePolicy("{}", "nonsense" as never).map((f) => f.code)).toEqual(["MISSING_STATEMENT", "MISSING_VERSION"]);
    expect(validatePolicy("{}", { kind: "alien" as PolicyKind, container: "vault" as PolicyContainer }).length).toBe(2);
  });
});

describe("a case's policies are held to the validator's own element checks, per kind", () => {
  const ROLE = "arn:aws:iam::111122223333:role/deploy";
  const base = { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key", identityPolicies: [] as unknown[] };
  const allowS3 = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
  const doc = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
  // Each kind with a policy breaking one of its own rules, and where a case carries that kind.
  const broken: { kind: PolicyKind; policy: object; place: (p: object) => Record<string, unknown> }[] = [
    { kind: "identity", policy: doc({ ...allowS3, Principal: "*" }), place: (p) => ({ identityPolicies: [p] }) },
    { kind: "boundary", policy: doc({ ...allowS3, NotPrincipal: { AWS: "*" } }), place: (p) => ({ permissionsBoundary: p }) },
    { kind: "session", policy: doc({ Effect: "Allow", Action: "s3:GetObject" }), place: (p) => ({ sessionPolicy: p }) },
    { kind: "scp", policy: doc({ ...allowS3, Principal: "*" }), place: (p) => ({ serviceControlPolicies: [[p]] }) },
    { kind: "rcp", policy: doc({ Effect: "Deny", Principal: "*", NotAction: "s3:PutObject", Resource: "*" }), place: (p) => ({ resourceControlPolicies: [[p]] }) },
    { kind: "resource", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }), place: (p) => ({ resourcePolicy: p }) },
    {
      kind: "trust",
      policy: doc({ Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::111122223333:user/bob" }, Action: "sts:AssumeRole" }, { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:user/alice" }, Action: "sts:AssumeRole" }),
      place: (p) => ({ resourcePolicy: p, action: "sts:AssumeRole", resource: ROLE }),
    },
  ];
  for (const { kind, policy, place } of broken) {
    it(`${kind}: the case error carries the validator's first error for kind ${kind}`, () => {
      const first = validatePolicy(policy, { kind }).find((f) => f.severity === "error");
      expect(first, `kind ${kind} must reject this policy`).toBeDefined();
      const result = evaluateCase({ id: kind, ...base, ...place(policy) });
      expect(result).toEqual({ id: kind, error: expect.stringContaining(`${first!.path}: ${first!.message}`) });
    });
  }

  it("pins what the CLI says for a Principal in an identity policy", () => {
    const result = evaluateCase({ id: "p", ...base, identityPolicies: [doc({ ...allowS3, Principal: { AWS: "arn:aws:iam::111122223333:root" } })] });
    expect(result).toEqual({
      id: "p",
      error: "identityPolicies[0] is not a valid policy: Statement[0].Principal: an identity-based policy cannot have a Principal element: it applies to the principal it is attached to. Remove Principal.",
    });
  });

  it("refuses repeated Sids and partial principal wildcards in a case, as IAM never stores them", () => {
    const sids = evaluateCase({ id: "s", ...base, identityPolicies: [doc({ ...allowS3, Sid: "A" }, { ...allowS3, Sid: "A" })] });
    expect(sids).toEqual({ id: "s", error: expect.stringContaining("identityPolicies[0] is not a valid policy: Statement[1].Sid: Sid \"A\" is used by an earlier statement") });
    const wildcard = evaluateCase({ id: "w", ...base, resourcePolicy: doc({ ...allowS3, Principal: { AWS: "arn:aws:iam::111122223333:user/*" } }) });
    expect(wildcard).toEqual({ id: "w", error: expect.stringContaining("resourcePolicy is not a valid policy: Statement[0].Principal.AWS: ") });
    // "*" alone, in either form, stays valid.
    for (const principal of ["*", { AWS: "*" }]) {
      const result = evaluateCase({ id: "star", ...base, resourcePolicy: doc({ ...allowS3, Principal: principal }) });
      expect(result).toMatchObject({ id: "star", decision: "Allow" });
    }
  });
});
