// Runs the policy CLI (scripts/policy-cli.ts) as compiled JavaScript: `npm run policy` starts this
// file with plain node. The CLI is bundled with esbuild into node_modules/.cache/portcullis/ in
// postinstall and rebuilt here on first use whenever the bundle is missing or older than any file
// it was built from (esbuild's metafile lists them), so edits to lib/policy are picked up without a
// TypeScript loader at run time: tsx halved the engine's hot path by wrapping named closures.
//
//   node scripts/policyCli/launch.mjs ARGS…   run the CLI (building it first if needed)
//   node scripts/policyCli/launch.mjs --build  build the bundle (postinstall)

import { mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CACHE = join(ROOT, "node_modules/.cache/portcullis");
const BUNDLE = join(CACHE, "policy-cli.mjs");
const INPUTS = join(CACHE, "policy-cli.inputs.json");
const ENTRY = join(ROOT, "scripts/policy-cli.ts");

/** True when the bundle exists and no file it was built from changed after its build started. */
function fresh() {
  try {
    const built = statSync(BUNDLE).mtimeMs;
    const inputs = JSON.parse(readFileSync(INPUTS, "utf8"));
    return inputs.every((file) => statSync(join(ROOT, file)).mtimeMs <= built);
  } catch {
    return false; // missing bundle, missing list, or a source file gone: build again
  }
}

async function build() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    throw new Error("esbuild is not installed (it is a devDependency): run npm ci to build the policy CLI.");
  }
  // The bundle's time is set to when the build started, so a source edited during the build is
  // newer than the bundle and triggers the next rebuild.
  const started = new Date();
  mkdirSync(CACHE, { recursive: true });
  // Written under temporary names and renamed into place: two CLIs starting at once (parallel test
  // files) each build, and neither ever runs the other's half-written file.
  const suffix = `${process.pid}.${Date.now()}.tmp`;
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    absWorkingDir: ROOT, // the metafile's input paths are relative to it
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: `${BUNDLE}.${suffix}`,
    metafile: true,
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs).map((file) => relative(ROOT, resolve(ROOT, file)));
  writeFileSync(`${INPUTS}.${suffix}`, JSON.stringify(inputs));
  utimesSync(`${BUNDLE}.${suffix}`, started, started);
  renameSync(`${INPUTS}.${suffix}`, INPUTS);
  renameSync(`${BUNDLE}.${suffix}`, BUNDLE);
}

if (process.argv[2] === "--build") {
  try {
    await build();
  } catch (error) {
    // postinstall must not fail an install without devDependencies (npm ci --omit=dev): the CLI is a
    // development tool, and its first use says what is missing.
    process.stderr.write(`policy CLI not built: ${error.message}\n`);
  }
} else {
  if (!fresh()) {
    try {
      await build();
    } catch (error) {
      process.stderr.write(`policy: cannot build the CLI: ${error.message}\n`);
      process.exit(2);
    }
  }
  await import(pathToFileURL(BUNDLE).href);
}
