#!/usr/bin/env bash
# `npm test`: lint and type-check; then the unit suite beside one production build; then, on that
# build, the browser suite, beside the rest of the unit suite and after it the API suite (the real
# AWS SDK and CLI). The browser suite waits on its server more than it computes, so one other suite
# at a time shares the two cores with it; three at once made its slowest steps time out. Each
# suite's output is held back and printed after the browser's.
set -uo pipefail
cd "$(dirname "$0")/.."
# Lint and type-check side by side (one core each); both must pass before anything runs.
npm run --silent lint &
lint_pid=$!
npm run --silent typecheck
typecheck_status=$?
wait "$lint_pid" || exit 1
[ "$typecheck_status" -eq 0 ] || exit 1

# The build skips its own type check: tsc has just done it (next.config.ts).
export PORTCULLIS_TYPECHECKED=1
DIST_DIR=${E2E_DIST_DIR:-.next-e2e}

unit_log=$(mktemp)
api_log=$(mktemp)
npx vitest run --project '!api' >"$unit_log" 2>&1 &
unit_pid=$!

# One build for both servers. `next build` rewrites tsconfig.json and next-env.d.ts for its dist
# dir; they are put back afterwards.
kept=$(mktemp -d)
cp tsconfig.json next-env.d.ts "$kept"/
NEXT_DIST_DIR="$DIST_DIR" npm run --silent build >"$kept/build.log" 2>&1
build_status=$?
cp "$kept"/tsconfig.json "$kept"/next-env.d.ts .
if [ "$build_status" -ne 0 ]; then
  cat "$kept/build.log"
  wait "$unit_pid"
  exit 1
fi

E2E_REUSE_BUILD=1 E2E_DIST_DIR="$DIST_DIR" npx playwright test &
e2e_pid=$!
wait "$unit_pid"
unit_status=$?
API_DIST_DIR="$DIST_DIR" API_REQUIRE_COVERAGE=1 npx vitest run --project api >"$api_log" 2>&1
api_status=$?
wait "$e2e_pid"
e2e_status=$?

show() {
  local title=$1 status=$2 log=$3
  echo
  echo "== $title =="
  if [ "$status" -eq 0 ]; then tail -n 8 "$log"; else cat "$log"; fi
}
show "API tests (vitest, the real AWS SDK and CLI against the production build)" "$api_status" "$api_log"
show "unit tests (vitest)" "$unit_status" "$unit_log"
rm -rf "$unit_log" "$api_log" "$kept"
[ "$unit_status" -eq 0 ] && [ "$api_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
