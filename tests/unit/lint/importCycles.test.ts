import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// No module of lib/ may import itself through others. A cycle makes load order matter (one side
// sees the other's exports undefined while it loads) and means two modules are one concept split in
// two; type-only imports count too, since they couple the modules just the same.
const ROOT = process.cwd();

type ImportGraph = ReadonlyMap<string, readonly string[]>;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The project file an import names, or undefined for a package or a file outside the project. */
function resolveImport(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return undefined;
  return [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), base].find((file) => existsSync(file) && statSync(file).isFile());
}

/** Every module under `folder` and the project modules it imports (imports, re-exports, import(), type imports). */
function importGraph(folder: string): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(path.join(ROOT, folder))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = importedFiles.map((i) => resolveImport(file, i.fileName)).filter((t): t is string => t !== undefined);
    graph.set(path.relative(ROOT, file), [...new Set(targets.map((t) => path.relative(ROOT, t)))]);
  }
  return graph;
}

/** One import cycle as the path around it (first module repeated at the end), or undefined. */
function findCycle(graph: ImportGraph): string[] | undefined {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (module: string): string[] | undefined => {
    const at = onPath.indexOf(module);
    if (at >= 0) return [...onPath.slice(at), module];
    if (done.has(module)) return undefined;
    onPath.push(module);
    for (const next of graph.get(module) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(module);
    return undefined;
  };
  for (const module of graph.keys()) {
    const cycle = visit(module);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("import cycles", () => {
  it("finds a cycle, and the path around it", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts", "d.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", []],
    ]);
    expect(findCycle(graph)).toEqual(["a.ts", "b.ts", "c.ts", "a.ts"]);
    expect(findCycle(new Map([["a.ts", ["b.ts"]], ["b.ts", []]]))).toBeUndefined();
  });

  it("reads imports, re-exports, type imports and import() of lib/policy", () => {
    const graph = importGraph("lib/policy");
    expect(graph.get("lib/policy/evaluate.ts")).toEqual(expect.arrayContaining(["lib/policy/decide.ts", "lib/policy/explain.ts", "lib/policy/request.ts"]));
    expect(graph.get("lib/policy/index.ts")).toContain("lib/policy/cases.ts");
  });

  it("has none in lib/ (the engine, operations, sign-in, the database client, the catalog)", () => {
    expect(findCycle(importGraph("lib"))).toBeUndefined();
  });
});
