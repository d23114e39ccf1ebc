#!/usr/bin/env bash
# `npm test`: lint and type-check, then the unit suite and the end-to-end suite side by side. The
# browser suite waits on pages more than it computes (one worker, one server), so the unit suite
# runs beside it instead of waiting its turn; its output is held back and printed after the browser's.
set -uo pipefail
cd "$(dirname "$0")/.."
# Lint and type-check side by side (one core each); both must pass before anything runs.
npm run --silent lint &
lint_pid=$!
npm run --silent typecheck
typecheck_status=$?
wait "$lint_pid" || exit 1
[ "$typecheck_status" -eq 0 ] || exit 1

# The build for the browser suite skips its own type check: tsc has just done it (next.config.ts).
export PORTCULLIS_TYPECHECKED=1

unit_log=$(mktemp)
npx vitest run >"$unit_log" 2>&1 &
unit_pid=$!
npx playwright test
e2e_status=$?
wait "$unit_pid"
unit_status=$?

echo
echo "== unit tests (vitest) =="
if [ "$unit_status" -eq 0 ]; then tail -n 8 "$unit_log"; else cat "$unit_log"; fi
rm -f "$unit_log"
[ "$unit_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
