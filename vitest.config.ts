import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // Tests import the data layer directly, as React Server Components do: "server-only" is a no-op there.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    reporters: ["default", "./tests/support/summaryReporter.ts"],
    setupFiles: ["./tests/support/database.ts"],
    // The property and fuzz tests run thousands of cases; give them room on a shared 2-core machine.
    testTimeout: 120_000,
  },
});
