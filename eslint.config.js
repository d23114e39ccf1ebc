import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "generated/**", ".next/**", ".next-*/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "coverage/**", "data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // lib/policy is a library in its own right: pure TypeScript, publishable without the app around it.
    files: ["lib/policy/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "react", "react/*", "@prisma/*", "node:*", "fs", "path", "child_process"], message: "lib/policy must stay pure TypeScript (no framework, database or node I/O imports)." },
            { group: ["@cloud-copilot/*"], message: "@cloud-copilot/iam-simulate is a test oracle only (AGPL); lib/ must never import it." },
            { group: ["@/*", "../../**", "../iam/**", "../auth/**", "../db/**"], message: "lib/policy depends on nothing else in the project." },
          ],
        },
      ],
    },
  },
  {
    // DESIGN.md: pages and components reach IAM data only through lib/iam operations.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@prisma/*", "@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/*", "@/generated/*", "**/generated/prisma/*"],
              message: "app/ and components/ must not touch the database: call an operation from lib/iam.",
            },
          ],
        },
      ],
    },
  },
);
