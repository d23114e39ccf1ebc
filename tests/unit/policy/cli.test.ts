import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateCase } from "@/lib/policy";
import { CaseReader } from "@/scripts/policyCli/caseReader";
import { DocumentMemo } from "@/scripts/policyCli/documentMemo";
import { jsonArrayElements } from "@/scripts/policyCli/jsonArrayElements";

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

// One request that two Deny statements match (the explanation blames both) and one an Allow grants.
const guardRails = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "ReadAll", Effect: "Allow", Action: "iam:*", Resource: "*" },
    { Sid: "NoDelete", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" },
    { Sid: "NoDeleteAdmins", Effect: "Deny", Action: "iam:Delete*", Resource: `arn:aws:iam::${ACCT}:user/admin*` },
    { Sid: "Unrelated", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
  ],
};
const explainCases = [
  { id: "deny", principal: `arn:aws:iam::${ACCT}:user/a`, action: "iam:DeleteUser", resource: `arn:aws:iam::${ACCT}:user/admin-1`, identityPolicies: [guardRails] },
  { id: "allow", principal: `arn:aws:iam::${ACCT}:user/a`, action: "iam:GetUser", resource: `arn:aws:iam::${ACCT}:user/b`, identityPolicies: [guardRails] },
];

describe("npm run --silent policy -- evaluate --explain", () => {
  const run = (mode?: string) => {
    const { status, stdout, stderr } = policyCli(["evaluate", "-", ...(mode ? ["--explain", mode] : [])], JSON.stringify(explainCases));
    expect(status, stderr).toBe(0);
    return JSON.parse(stdout) as Record<string, unknown>[];
  };

  it("traces every statement by default and with --explain full", () => {
    const [deny, allow] = run();
    expect(run("full")).toEqual([deny, allow]);
    expect(deny).toMatchObject({ id: "deny", decision: "ExplicitDeny", warnings: [] });
    const explanation = deny!.explanation as { decidedBy: { statement: string }[]; statements: { statement: string; matched: boolean; failed?: string }[] };
    expect(explanation.decidedBy.map((d) => d.statement)).toEqual(["NoDelete", "NoDeleteAdmins"]);
    expect(explanation.statements.map((t) => [t.statement, t.matched, t.failed])).toEqual([
      ["ReadAll", true, undefined],
      ["NoDelete", true, undefined],
      ["NoDeleteAdmins", true, undefined],
      ["Unrelated", false, "Action"],
    ]);
    expect(allow).toMatchObject({ decision: "Allow", explanation: { reason: "allow", decidedBy: [{ statement: "ReadAll" }] } });
  });

  it("--explain deciding keeps the summary, reason and deciding statements, and drops the traces", () => {
    const full = run("full");
    const deciding = run("deciding");
    deciding.forEach((result, i) => {
      const { statements, ...rest } = full[i]!.explanation as Record<string, unknown>;
      expect(statements).toBeDefined();
      expect(Object.keys(result.explanation as object).sort()).toEqual(["decidedBy", "reason", "summary"]);
      expect(result).toEqual({ ...full[i], explanation: rest });
    });
  });

  it("--explain none gives the decision and warnings only", () => {
    expect(run("none")).toEqual([
      { id: "deny", decision: "ExplicitDeny", warnings: [] },
      { id: "allow", decision: "Allow", warnings: [] },
    ]);
  });

  it("refuses an unknown explain level", () => {
    const { status, stdout, stderr } = policyCli(["evaluate", "-", "--explain", "some"], "[]");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/--explain "some".*full, deciding, none/);
  });
});

describe("evaluateCase explain levels (the CLI's --explain, in-process)", () => {
  // Every evaluation table case: "deciding" is "full" without the traces, "none" is the decision
  // and warnings alone. The deciding explanation finds an explicit deny's Denies on its own path,
  // so this checks it blames the same statements as the full one, on all the documented shapes.
  const dir = fileURLToPath(new URL("./cases/evaluation/", import.meta.url));
  const BOOKKEEPING = new Set(["rule", "expect", "expectReason", "expectError", "expectWarnings", "strict"]);
  const cases = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .flatMap((name) => (JSON.parse(readFileSync(join(dir, name), "utf8")) as { cases: Record<string, unknown>[] }).cases)
    .map((c) => ({ strict: c.strict === true, raw: Object.fromEntries(Object.entries(c).filter(([key]) => !BOOKKEEPING.has(key))) }));

  it("agrees with the full explanation on every evaluation table case", () => {
    expect(cases.length).toBeGreaterThan(500);
    let denies = 0;
    for (const { raw, strict } of cases) {
      const full = evaluateCase(raw, { explain: "full", strict });
      const deciding = evaluateCase(raw, { explain: "deciding", strict });
      const none = evaluateCase(raw, { explain: "none", strict });
      if ("error" in full) {
        expect(deciding, String(raw.id)).toEqual(full);
        expect(none, String(raw.id)).toEqual(full);
        continue;
      }
      const { statements: _statements, ...kept } = full.explanation as unknown as Record<string, unknown>;
      expect(deciding, String(raw.id)).toEqual({ ...full, explanation: kept });
      expect(none, String(raw.id)).toEqual({ id: full.id, decision: full.decision, warnings: full.warnings });
      if (full.decision === "ExplicitDeny") denies++;
    }
    expect(denies).toBeGreaterThan(20);
  });
});

describe("npm run --silent policy -- evaluate --strict", () => {
  // "Invalid actions do not affect the permissions granted by the policy": the Deny below names no
  // action (a comma inside one action name), so it protects nothing; --strict refuses it as IAM's
  // validation would today.
  const invalidDeny = [
    {
      id: "comma",
      principal: `arn:aws:iam::${ACCT}:user/a`,
      action: "s3:GetObject",
      resource: "arn:aws:s3:::bucket/key",
      identityPolicies: [
        {
          Version: "2012-10-17",
          Statement: [
            { Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "*" },
            { Sid: "Guard", Effect: "Deny", Action: "s3:GetObject,PutObject", Resource: "*" },
          ],
        },
      ],
    },
  ];

  it("evaluates an invalid action name as matching nothing and warns, by default", () => {
    const { status, stdout } = policyCli(["evaluate", "-", "--explain", "none"], JSON.stringify(invalidDeny));
    expect(status).toBe(0);
    const [result] = JSON.parse(stdout);
    expect(result.decision).toBe("Allow");
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ value: "s3:GetObject,PutObject" });
    expect(result.warnings[0].path).toMatch(/^identityPolicies\[0\]\.Statement\[1\]\.Action/);
    expect(result.warnings[0].message).toMatch(/denies nothing/);
  });

  it("refuses the case with --strict", () => {
    const { status, stdout } = policyCli(["evaluate", "-", "--explain", "none", "--strict"], JSON.stringify(invalidDeny));
    expect(status).toBe(0);
    const [result] = JSON.parse(stdout);
    expect(result.decision).toBeUndefined();
    expect(result).toMatchObject({ id: "comma", error: expect.stringMatching(/^identityPolicies\[0\] is not a valid policy: .*Statement\[1\]\.Action/) });
  });
});

describe("the CLI's streaming reader (scripts/policyCli)", () => {
  async function* inChunks(text: string, sizes: readonly number[]): AsyncGenerator<string> {
    let at = 0;
    for (let k = 0; at < text.length; k++) {
      const size = sizes[k % sizes.length]!;
      yield text.slice(at, at + size);
      at += size;
    }
  }

  async function readAll(text: string, sizes: readonly number[]): Promise<unknown[]> {
    const memo = new DocumentMemo();
    const reader = new CaseReader(memo);
    const values: unknown[] = [];
    for await (const element of jsonArrayElements(inChunks(text, sizes), memo)) values.push(reader.read(element));
    return values;
  }

  // Big objects (policies) repeat, so the memo's in-place matches, its candidates sharing a long
  // opening, and documents split across chunks are all exercised, next to arbitrary JSON.
  const policyLike = fc.constantFrom(
    ...[0, 1, 2].map((n) => ({ Version: "2012-10-17", Id: `p${n}`.padEnd(300, "\\\"]}{,"), Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: `r${n}` }] })),
  );
  const element = fc.oneof(
    fc.jsonValue(),
    fc.record({ id: fc.jsonValue(), identityPolicies: fc.array(policyLike, { maxLength: 3 }), levels: fc.array(fc.array(policyLike, { maxLength: 2 }), { maxLength: 2 }), resourcePolicy: policyLike, context: fc.dictionary(fc.string(), fc.jsonValue()) }),
  );
  const space = fc.constantFrom("", " ", "\n", "\t ", "\r\n");

  it("gives the same values as JSON.parse of the whole input, whatever the chunk boundaries", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(element, { maxLength: 8 }), fc.array(space, { minLength: 1, maxLength: 4 }), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 5 }), async (values, spaces, sizes) => {
        const sp = (i: number) => spaces[i % spaces.length]!;
        const text = `${sp(0)}[${values.map((v, i) => sp(i + 1) + JSON.stringify(v, null, i % 2 ? 1 : undefined) + sp(i + 2)).join(",")}]${sp(3)}`;
        expect(await readAll(text, sizes)).toEqual(JSON.parse(text));
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe("npm run --silent policy -- evaluate, streaming", () => {
  it("splits the input array correctly around strings, escapes and nesting", () => {
    // Brackets, braces, commas and escaped quotes inside strings must not end a case early.
    const tricky = `[ {"id": "a,]}\\"[{", "principal": "arn:aws:iam::${ACCT}:user/a", "action": "iam:GetUser", "resource": "*",
      "context": {"aws:PrincipalTag/x": ["]", "}", "\\\\"]}, "identityPolicies": [${JSON.stringify(readPolicy)}]}
      ,{"id":"b\\u005d","principal":"arn:aws:iam::${ACCT}:user/a","action":"iam:DeleteUser","resource":"*","identityPolicies":[${JSON.stringify(readPolicy)}]} ,
      17, [] ]`;
    const { status, stdout } = policyCli(["evaluate", "-", "--explain", "none"], tricky);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      { id: 'a,]}"[{', decision: "Allow", warnings: [] },
      { id: "b]", decision: "ExplicitDeny", warnings: [] },
      { id: null, error: "a case must be a JSON object." },
      { id: null, error: "a case must be a JSON object." },
    ]);
  });

  it("exits 1 when the input is JSON but not an array, and for a broken array", () => {
    for (const input of ['{"id": "x"}', "[1,]", "[1 2]", "[1] 2", ""]) {
      const { status, stdout, stderr } = policyCli(["evaluate", "-"], input);
      expect(status, input).toBe(1);
      expect(stdout, input).toBe("");
      expect(stderr, input).toMatch(input.startsWith("{") ? /must be a JSON array/ : /not JSON/);
    }
  });

  it("parses a policy text repeated across cases once, and still reports a broken one", () => {
    // Policies of 256 characters or more are looked up by their text (caseReader.ts): the same text
    // twice must give the same answers, a different text its own, and a broken one the error.
    const big = { ...guardRails, Id: "x".repeat(300) };
    const other = { ...big, Statement: big.Statement.filter((st) => st.Sid !== "NoDelete") };
    const text = JSON.stringify(big);
    const caseText = (id: string, policy: string) =>
      `{"id":"${id}","principal":"arn:aws:iam::${ACCT}:user/a","action":"iam:DeleteUser","resource":"arn:aws:iam::${ACCT}:user/b","identityPolicies":[${policy}]}`;
    const input = `[${caseText("1", text)},${caseText("2", text)},${caseText("3", JSON.stringify(other))},${caseText("4", text)}]`;
    const { status, stdout } = policyCli(["evaluate", "-", "--explain", "deciding"], input);
    expect(status).toBe(0);
    const results = JSON.parse(stdout) as { id: string; decision: string; explanation: { decidedBy: { statement: string }[] } }[];
    expect(results.map((r) => [r.id, r.decision, r.explanation.decidedBy.map((d) => d.statement)])).toEqual([
      ["1", "ExplicitDeny", ["NoDelete"]],
      ["2", "ExplicitDeny", ["NoDelete"]],
      ["3", "Allow", ["ReadAll"]],
      ["4", "ExplicitDeny", ["NoDelete"]],
    ]);

    const broken = policyCli(["evaluate", "-"], `[${caseText("1", text)},${caseText("2", text.replace('"Effect":"Deny"', '"Effect":"Deny",,'))}]`);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toMatch(/not JSON: case 1 \(counting from 0\)/);
  });

  it("answers 1,000,000 cases from a file in bounded memory", () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-cli-"));
    try {
      const input = join(dir, "cases.json");
      const small = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:Get*", Resource: "*" }] });
      const fd = openSync(input, "w");
      writeSync(fd, "[");
      const COUNT = 1_000_000;
      for (let i = 0; i < COUNT; i += 10_000) {
        const part: string[] = [];
        for (let j = i; j < i + 10_000; j++) {
          part.push(`{"id":${j},"principal":"arn:aws:iam::${ACCT}:user/u","action":"${j % 2 ? "iam:CreateUser" : "iam:GetUser"}","resource":"*","identityPolicies":[${small}]}`);
        }
        writeSync(fd, (i ? ",\n" : "") + part.join(",\n"));
      }
      writeSync(fd, "]");
      closeSync(fd);

      const output = join(dir, "results.json");
      const out = openSync(output, "w");
      const run = spawnSync("npm", ["run", "--silent", "policy", "--", "evaluate", input, "--explain", "none"], {
        stdio: ["ignore", out, "pipe"],
        encoding: "utf8",
        env: { ...process.env, POLICY_CLI_REPORT_MEMORY: "1" },
      });
      closeSync(out);
      expect(run.status, run.stderr).toBe(0);
      const report = /policy: memory (\{.*\})/.exec(run.stderr);
      expect(report, run.stderr).not.toBeNull();
      const memory = JSON.parse(report![1]!) as { cases: number; peakRss: number; peakHeapUsed: number };
      expect(memory.cases).toBe(COUNT);
      // The input is about 215 MB of text and the output 45 MB: holding either, or the parsed
      // cases, would exceed these (the streaming CLI peaks near 160 MB RSS and 65 MB of heap).
      expect(memory.peakRss).toBeLessThan(300 * 1024 * 1024);
      expect(memory.peakHeapUsed).toBeLessThan(150 * 1024 * 1024);

      const results = JSON.parse(readFileSync(output, "utf8")) as { id: number; decision: string }[];
      expect(results).toHaveLength(COUNT);
      for (let i = 0; i < COUNT; i += 9_973) expect(results[i]).toEqual({ id: i, decision: i % 2 ? "ImplicitDeny" : "Allow", warnings: [] });
      expect(results[COUNT - 1]!.id).toBe(COUNT - 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

  it("rejects a Principal in an identity policy but accepts it in a role trust policy", () => {
    const withPrincipal = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: ACCT }, Action: "sts:AssumeRole" }] });
    const identity = JSON.parse(policyCli(["validate", "-"], withPrincipal).stdout).findings;
    expect(identity.some((f: { severity: string; path: string }) => f.severity === "error" && f.path.startsWith("Statement[0].Principal"))).toBe(true);
    const resource = JSON.parse(policyCli(["validate", "-", "--kind", "trust"], withPrincipal).stdout).findings;
    expect(resource.filter((f: { severity: string }) => f.severity === "error")).toEqual([]);
  });
});
