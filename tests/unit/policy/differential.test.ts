// Differential test: Portcullis's evaluate against @cloud-copilot/iam-simulate's core authorize on
// thousands of random-but-valid policy sets (tests/unit/policy/support/arbitraries.ts). Both engines
// implement AWS's documented evaluation logic independently, so a disagreement is a bug in one of
// them. Shapes where iam-simulate departs from the AWS documentation are kept out of the generator
// and pinned, with the deciding sentence, in known-differences.test.ts. Roles, trust policies,
// sessions and RCPs have their own generators and test: differential-roles.test.ts.
//
// Reproduce a failure with the printed seed: POLICY_DIFF_SEED=<seed> npx vitest run differential
// Run longer: POLICY_DIFF_RUNS=50000.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Decision } from "../../../lib/policy/index";
import { describeCase, policyCaseArb } from "./support/arbitraries";
import { iamSimulateDecision } from "./support/iamSimulateOracle";
import { portcullisDecision } from "./support/ourEngine";

const SEED = Number(process.env.POLICY_DIFF_SEED ?? 20_261_127);
const RUNS = Number(process.env.POLICY_DIFF_RUNS ?? 4000);

describe("evaluate agrees with iam-simulate on random policy sets", () => {
  it(`decides ${RUNS} random cases like iam-simulate (seed ${SEED})`, () => {
    console.info(`differential: seed ${SEED}, ${RUNS} runs (POLICY_DIFF_SEED / POLICY_DIFF_RUNS to change)`);
    const seen: Record<Decision, number> = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
    let run = 0;
    fc.assert(
      fc.property(policyCaseArb, (c) => {
        const theirs = iamSimulateDecision(c);
        // explain: true takes the slower path that also builds the explanation; the decision must
        // not depend on it, so alternate between the two.
        const ours = portcullisDecision(c, run++ % 2 === 0);
        if (ours !== theirs) {
          throw new Error(`Portcullis decided ${ours}, iam-simulate decided ${theirs} for:\n${describeCase(c)}`);
        }
        seen[ours]++;
      }),
      // verbose 0: report only the shrunk counterexample, not every failing run on the way to it.
      { seed: SEED, numRuns: RUNS, verbose: 0 },
    );
    // The comparison only means something if the generator reaches every outcome often enough.
    // (Counts include shrinking runs only when a property fails, which already failed above.)
    for (const decision of ["Allow", "ExplicitDeny", "ImplicitDeny"] as const) {
      expect(seen[decision], `share of ${decision} decisions`).toBeGreaterThan(RUNS * 0.05);
    }
  });

  it("the generator produces only documents the grammar accepts, with every policy kind in play", () => {
    // A property test whose generator drifted to trivial inputs would pass vacuously; check that
    // boundaries, resource policies, session policies and SCP levels all occur.
    const sample = fc.sample(policyCaseArb, { seed: SEED, numRuns: 500 });
    const count = (pick: (c: (typeof sample)[number]) => unknown) => sample.filter((c) => Boolean(pick(c))).length;
    expect(count((c) => c.boundary)).toBeGreaterThan(50);
    expect(count((c) => c.resource)).toBeGreaterThan(50);
    expect(count((c) => c.session)).toBeGreaterThan(20);
    expect(count((c) => c.scps && c.scps.length > 1)).toBeGreaterThan(20);
    expect(count((c) => c.request.resourceAccount !== c.request.principal.split(":")[4])).toBeGreaterThan(20);
    for (const c of sample) expect(() => portcullisDecision(c)).not.toThrow();
  });
});
