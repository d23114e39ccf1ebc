// Ends the run with one plain line, "vitest: N passed, N failed[, N skipped]", so that CI and people
// reading a log see the totals in a form any tool can read, whatever the reporter above it printed.

import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    // Modules that failed to load have no tests but still fail the run.
    failed += testModules.filter((m) => m.state() === "failed" && [...m.children.allTests()].length === 0).length;
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  }
}
