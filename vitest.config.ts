import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Vitest's own order (slowest and failed files first), except that a file named `*.last.test.ts`
 * runs after every other file: the API suite's coverage check reads what all the other files did
 * (tests/api/coverage.last.test.ts).
 */
class LastFilesSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const last = (file: TestSpecification) => file.moduleId.endsWith(".last.test.ts");
    return [...sorted.filter((file) => !last(file)), ...sorted.filter(last)];
  }
}

/** Gives every test file its own migrated SQLite database; only projects whose code reaches the database need it. */
const DATABASE = "./tests/support/database.ts";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // Tests import the data layer directly, as React Server Components do: "server-only" is a no-op there.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    reporters: ["default", "./tests/support/summaryReporter.ts"],
    // The API suite's coverage check runs after the files whose calls it counts.
    sequence: { sequencer: LastFilesSequencer },
    // The property and fuzz tests run thousands of cases; give them room on a shared 2-core machine.
    testTimeout: 120_000,
    // One project per layer, so a change can be checked against its own tests (`npm run test:engine`).
    projects: [
      // The policy engine and the editor built on it are pure: no database.
      { extends: true, test: { name: "engine", include: ["tests/unit/policy/**/*.test.ts", "tests/unit/policyEditor/**/*.test.ts"] } },
      { extends: true, test: { name: "iam", include: ["tests/unit/iam/**/*.test.ts"], setupFiles: [DATABASE] } },
      { extends: true, test: { name: "auth", include: ["tests/unit/auth/**/*.test.ts"], setupFiles: [DATABASE] } },
      // The HTTP server around Next (scripts/server): pure functions and a real socket, no database.
      { extends: true, test: { name: "server", include: ["tests/unit/server/**/*.test.ts"] } },
      { extends: true, test: { name: "console", include: ["tests/unit/console/**/*.test.ts", "tests/unit/lint/**/*.test.ts"], setupFiles: [DATABASE] } },
      // Several production servers (npm start, the .next-e2e build) on one database: sessions, the
      // throttle and concurrent writes across instances, and SIGKILL mid-stream. The PostgreSQL parts
      // need TEST_POSTGRES_URL; the SQLite fault test always runs. Each file starts its own servers (ports 3500-3504).
      { extends: true, test: { name: "instances", include: ["tests/instances/**/*.test.ts"], fileParallelism: false } },
      // The IAM/STS API through the real AWS SDK and CLI, against the production build's server
      // (tests/api/support/apiServer.ts). Its workers share the server's data directory.
      {
        extends: true,
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          globalSetup: ["./tests/api/support/apiServer.ts"],
          env: { PORTCULLIS_DATA_DIR: process.env.API_DATA_DIR ?? ".api-data" },
          // Every file starts accounts of its own; one server, so files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
