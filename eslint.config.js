import path from "node:path";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// DESIGN.md, "Layers": app/ → components/ → lib/iam → lib/auth → lib/db → lib/policy, imports
// pointing downward only. Two local rules enforce the arrows between the project's own folders, on
// the path an import resolves to (so "@/lib/db", "../../lib/db" and "lib/db" are the same import);
// no-restricted-imports below keeps packages out of the layers that must not use them.

/** Top-level folders that tsconfig's baseUrl also lets code import by bare name ("lib/db/client"). */
const PROJECT_ROOTS = ["app", "components", "lib", "generated"];

/** The repository path an import points to ("lib/db/client"), or undefined for a package. */
function projectPath(specifier, filename, cwd) {
  if (specifier.startsWith("@/")) return path.posix.normalize(specifier.slice(2));
  if (specifier.startsWith(".")) return path.relative(cwd, path.resolve(path.dirname(filename), specifier)).split(path.sep).join("/");
  if (PROJECT_ROOTS.some((root) => specifier.startsWith(`${root}/`))) return path.posix.normalize(specifier);
  return undefined;
}

const within = (file, folder) => file === folder || file.startsWith(`${folder}/`);

/** Calls `check(node, specifier, typeOnly)` for every import, re-export and import() with a literal source. */
function eachImport(check) {
  const typeOnly = (node, kind) => node[kind] === "type" || (node.specifiers?.length > 0 && node.specifiers.every((s) => s[kind] === "type"));
  return {
    ImportDeclaration: (node) => check(node, node.source.value, typeOnly(node, "importKind")),
    ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, typeOnly(node, "exportKind")),
    ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === "type"),
    ImportExpression: (node) => node.source.type === "Literal" && typeof node.source.value === "string" && check(node, node.source.value, false),
  };
}

const relativeFile = (context) => path.relative(context.cwd, context.filename).split(path.sep).join("/");

const layers = {
  meta: {
    type: "problem",
    docs: { description: "Imports between the project's folders point downward only (DESIGN.md, Layers)." },
    schema: {
      type: "array",
      items: {
        type: "object",
        properties: {
          from: { type: "array", items: { type: "string" } },
          only: { type: "array", items: { type: "string" } },
          never: { type: "array", items: { type: "string" } },
          /** Folders outside `only` that the arrow's folders may still import types from. */
          typesFrom: { type: "array", items: { type: "string" } },
          message: { type: "string" },
        },
        required: ["from", "message"],
        additionalProperties: false,
      },
    },
    messages: { layer: '{{message}} (import of "{{specifier}}")' },
  },
  create(context) {
    const file = relativeFile(context);
    const arrows = context.options.filter((arrow) => arrow.from.some((folder) => within(file, folder)));
    if (arrows.length === 0) return {};
    return eachImport((node, specifier, typeOnly) => {
      const target = projectPath(specifier, context.filename, context.cwd);
      if (target === undefined) return;
      const broken = arrows.find((arrow) =>
        arrow.only
          ? !arrow.only.some((folder) => within(target, folder)) && !(typeOnly && arrow.typesFrom?.some((folder) => within(target, folder)))
          : arrow.never.some((folder) => within(target, folder)),
      );
      if (broken) context.report({ node, messageId: "layer", data: { message: broken.message, specifier } });
    });
  },
};

const clientImports = {
  meta: {
    type: "problem",
    docs: { description: 'Client code ("use client" modules, and all of components/) imports only types from lib/, except its client-safe modules.' },
    schema: [
      {
        type: "object",
        properties: {
          clientSafe: { type: "array", items: { type: "string" } },
          everyFileUnder: { type: "array", items: { type: "string" } },
        },
        required: ["clientSafe"],
        additionalProperties: false,
      },
    ],
    messages: {
      serverModule:
        '"{{specifier}}" is server code: client components (and every module under components/) import only types from lib/, and values only from {{clientSafe}}. Use "import type", or do the work in a server component or server action.',
    },
  },
  create(context) {
    const { clientSafe, everyFileUnder = [] } = context.options[0];
    const file = relativeFile(context);
    const alwaysClient = everyFileUnder.some((folder) => within(file, folder));
    let client = alwaysClient;
    const checks = eachImport((node, specifier, typeOnly) => {
      if (!client || typeOnly) return;
      const target = projectPath(specifier, context.filename, context.cwd);
      if (target === undefined || !within(target, "lib") || clientSafe.some((module) => within(target, module))) return;
      context.report({ node, messageId: "serverModule", data: { specifier, clientSafe: clientSafe.join(", ") } });
    });
    return {
      // The directive only counts as the module's first statement, as React reads it.
      Program: (program) => {
        const first = program.body[0];
        client ||= first?.type === "ExpressionStatement" && first.directive === "use client";
      },
      ...checks,
    };
  },
};

const portcullis = { rules: { layers, "client-imports": clientImports } };

/** What lib/ may import at all, by folder; the first arrow an import breaks is reported. */
const LAYERS = [
  { from: ["lib/policy"], only: ["lib/policy"], message: "lib/policy is a library in its own right: it imports nothing else from the project." },
  { from: ["lib/db"], only: ["lib/db", "generated"], message: "lib/db is the Prisma client: it imports only lib/db and generated/prisma." },
  {
    from: ["lib/catalog"],
    never: ["lib/iam", "lib/auth", "lib/db", "generated"],
    message: "lib/catalog is AWS's reference data: it must not import operations, sign-in or the database.",
  },
  {
    from: ["lib/query"],
    only: ["lib/query"],
    typesFrom: ["lib/policy"],
    message: "lib/query is the Query protocol's wire format: pure, it imports only itself and lib/policy's types.",
  },
  { from: ["lib/iam", "lib/auth", "lib/db", "lib/catalog"], never: ["lib/query"], message: "lib/query is for the API door in app/: operations and the layers below them never speak the wire format." },
  { from: ["lib/auth"], never: ["lib/iam"], message: "lib/auth is below lib/iam: operations use sign-in and sessions, never the other way round." },
  { from: ["lib"], never: ["app", "components"], message: "lib/ is below app/ and components/: it must not import them." },
  { from: ["components"], never: ["app"], message: "components/ is below app/: pages pass data and server actions in as props." },
  {
    from: ["app", "components"],
    never: ["lib/db", "generated"],
    message: "app/ and components/ must not touch the database: call an operation from lib/iam.",
  },
];

/** The lib/ modules that run in the browser: the policy engine the editor runs, and pure rules and reference shapes. */
const CLIENT_SAFE = ["lib/policy", "lib/iam/core/rules", "lib/iam/core/passwordRules", "lib/iam/roles/trustPolicyBuilder", "lib/iam/roles/trustedEntities", "lib/iam/roles/switchRoleColors", "lib/catalog/accessLevels", "lib/catalog/catalogTypes"];

// Packages by layer. Each file gets exactly one of these blocks (a later block would replace,
// not extend, an earlier one's no-restricted-imports).
const TEST_ORACLES = {
  group: ["@cloud-copilot/iam-simulate", "@cloud-copilot/iam-simulate/*", "@cloud-copilot/iam-policy", "@cloud-copilot/iam-policy/*"],
  message: "@cloud-copilot/iam-simulate and iam-policy are test oracles only (AGPL); only tests/ and bench/ may import them.",
};

export default tseslint.config(
  { ignores: ["node_modules/**", "generated/**", ".next/**", ".next-*/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "coverage/**", "data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { portcullis },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "portcullis/layers": ["error", ...LAYERS],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: { "portcullis/client-imports": ["error", { clientSafe: CLIENT_SAFE, everyFileUnder: ["components"] }] },
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
            { group: ["@cloud-copilot/*"], message: "lib/policy depends on no package; @cloud-copilot/iam-simulate in particular is a test oracle only (AGPL)." },
          ],
        },
      ],
    },
  },
  {
    // lib/query is pure too: the door in app/ hands it strings and bytes, it hands back strings.
    files: ["lib/query/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "react", "react/*", "@prisma/*", "node:*", "fs", "path", "child_process"], message: "lib/query must stay pure TypeScript (no framework, database or node I/O imports)." },
            TEST_ORACLES,
          ],
        },
      ],
    },
  },
  {
    files: ["lib/db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // Project paths are the layers rule's business; of packages, only these.
              regex: "^(?!@prisma/|server-only$|node:|\\.|@/|(app|components|lib|generated)/)",
              message: "lib/db is the Prisma client: of packages it imports only @prisma/*, server-only and Node built-ins.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/policy/**", "lib/db/**", "lib/query/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [TEST_ORACLES] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@prisma/*"], message: "app/ and components/ must not touch the database: call an operation from lib/iam." },
            TEST_ORACLES,
          ],
        },
      ],
    },
  },
);
