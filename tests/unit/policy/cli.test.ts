import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// The engine's outside contract (README "Policy engine CLI"): other tools depend on exactly this.
function policyCli(args: string[], input: string) {
  const run = spawnSync("npm", ["run", "--silent", "policy", "--", ...args], {
    input,
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const ACCT = "123456789012";
const readPolicy = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "Read", Effect: "Allow", Action: "iam:Get*", Resource: "*" },
    { Sid: "NoDelete", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" },
  ],
};

describe("npm run --silent policy -- evaluate", () => {
  it("answers 100,000 cases in one call, in order, with per-case errors for malformed cases", () => {
    const actions = ["iam:GetUser", "iam:CreateUser", "iam:DeleteUser"];
    const expected = ["Allow", "ImplicitDeny", "ExplicitDeny"];
    const cases = Array.from({ length: 100_000 }, (_, i) =>
      i % 4 === 3
        ? { id: `bad-${i}`, action: "iam:GetUser", resource: "*", identityPolicies: [] }
        : {
            id: `case-${i}`,
            principal: `arn:aws:iam::${ACCT}:user/u${i % 50}`,
            action: actions[i % 4],
            resource: `arn:aws:iam::${ACCT}:user/u${i % 7}`,
            identityPolicies: [readPolicy],
          },
    );
    const { status, stdout } = policyCli(["evaluate", "-"], JSON.stringify(cases));
    expect(status).toBe(0);
    const results = JSON.parse(stdout) as { id: string; decision?: string; error?: string }[];
    expect(results).toHaveLength(100_000);
    results.forEach((result, i) => {
      expect(result.id).toBe(cases[i]!.id);
      if (i % 4 === 3) expect(result.error).toMatch(/"principal" is required/);
      else expect(result.decision).toBe(expected[i % 4]);
    });
  });

  it("reports a case whose policy is invalid without stopping the others", () => {
    const cases = [
      { id: "no-effect", principal: `arn:aws:iam::${ACCT}:user/a`, action: "iam:GetUser", resource: "*", identityPolicies: [{ Version: "2012-10-17", Statement: [{ Action: "iam:*", Resource: "*" }] }] },
      { id: "fine", principal: `arn:aws:iam::${ACCT}:user/a`, action: "iam:GetUser", resource: "*", identityPolicies: [readPolicy] },
    ];
    const { status, stdout } = policyCli(["evaluate", "-"], JSON.stringify(cases));
    expect(status).toBe(0);
    const [bad, fine] = JSON.parse(stdout);
    expect(bad.error).toMatch(/identityPolicies\[0\].*Effect/);
    expect(fine).toMatchObject({ id: "fine", decision: "Allow", explanation: { decidedBy: [{ statement: "Read" }] } });
  });

  it("exits non-zero, with nothing on stdout, when the input is not JSON", () => {
    const { status, stdout, stderr } = policyCli(["evaluate", "-"], "[{ not json");
    expect(status).not.toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/not JSON/);
  });
});

describe("npm run --silent policy -- validate", () => {
  it("prints findings with 1-based line and column of the offending value", () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Permit",
      "Action": "iam:GetUser",
      "Resource": "*"
    }
  ]
}`;
    const { status, stdout } = policyCli(["validate", "-", "--kind", "identity"], text);
    expect(status).toBe(0);
    const { findings } = JSON.parse(stdout);
    const effect = findings.find((f: { path: string }) => f.path === "Statement[0].Effect");
    expect(effect).toMatchObject({ severity: "error", line: 5, column: 17 });
  });

  it("points at where the parser stopped for invalid JSON", () => {
    const { stdout } = policyCli(["validate", "-"], '{\n  "Version": "2012-10-17",\n  "Statement": [ }\n');
    const { findings } = JSON.parse(stdout);
    expect(findings[0]).toMatchObject({ severity: "error", line: 3 });
  });

  it("rejects a Principal in an identity policy but accepts it in a resource (role trust) policy", () => {
    const withPrincipal = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: ACCT }, Action: "sts:AssumeRole" }] });
    const identity = JSON.parse(policyCli(["validate", "-"], withPrincipal).stdout).findings;
    expect(identity.some((f: { severity: string; path: string }) => f.severity === "error" && f.path.startsWith("Statement[0].Principal"))).toBe(true);
    const resource = JSON.parse(policyCli(["validate", "-", "--kind", "resource"], withPrincipal).stdout).findings;
    expect(resource.filter((f: { severity: string }) => f.severity === "error")).toEqual([]);
  });
});
