import type { NextConfig } from "next";

const config: NextConfig = {
  // Argon2's prebuilt binary and better-sqlite3's native module must be loaded by Node, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "better-sqlite3"],
  poweredByHeader: false,
  // Lets several builds live side by side (parallel work, the e2e server) without clobbering .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default config;
