#!/usr/bin/env bash
# `npm test`: lint and type-check; then the unit suite beside one production build; then, on that
# build, the browser suite beside the other suites. With TEST_POSTGRES_URL (an admin URL of a
# PostgreSQL server that lets us create databases; .ci/run starts a throwaway cluster and sets it)
# the database-touching suites run a second time on PostgreSQL: the unit suite's operation and
# auth projects, the browser suite (against a second server of the same build), and the
# instances suite (two servers sharing one database, and SIGKILL faults). One build serves both
# databases: the client is chosen at start (lib/db/client.ts). Each suite's output is held back
# and printed at the end.
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
POSTGRES=${TEST_POSTGRES_URL:-}

logs=$(mktemp -d)
# When each suite ended, printed at the end: where the run's time goes.
stamp() { echo "$(date +%T) $*" >>"$logs/timings"; }
stamp "start"
# The SQLite run: TEST_POSTGRES_URL would move its databases to PostgreSQL (tests/support/database.ts).
env -u TEST_POSTGRES_URL npx vitest run --project engine --project iam --project auth --project server --project console >"$logs/unit.log" 2>&1 &
unit_pid=$!

# One build for every server. `next build` rewrites tsconfig.json and next-env.d.ts for its dist
# dir; they are put back afterwards.
cp tsconfig.json next-env.d.ts "$logs"/
NEXT_DIST_DIR="$DIST_DIR" npm run --silent build >"$logs/build.log" 2>&1
build_status=$?
stamp "build done"
cp "$logs"/tsconfig.json "$logs"/next-env.d.ts .
if [ "$build_status" -ne 0 ]; then
  cat "$logs/build.log"
  wait "$unit_pid"
  exit 1
fi

# A fresh PostgreSQL database named for this run, for the browser suite's server.
e2e_postgres_url=""
if [ -n "$POSTGRES" ]; then
  e2e_db="portcullis_e2e_$$"
  psql "$POSTGRES" -qc "DROP DATABASE IF EXISTS $e2e_db" -c "CREATE DATABASE $e2e_db" >/dev/null || exit 1
  e2e_postgres_url=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$POSTGRES" "$e2e_db")
fi

E2E_REUSE_BUILD=1 E2E_DIST_DIR="$DIST_DIR" npx playwright test >"$logs/e2e.log" 2>&1 &
e2e_pid=$!

# The browser suite on PostgreSQL: its own port and data directory, beside the SQLite one, every
# spec. E2E_POSTGRES_SPECS (spec names without .spec.ts) runs only those, for a quicker local run.
E2E_POSTGRES_SPECS=${E2E_POSTGRES_SPECS:-all}
e2e_pg_status=0
if [ -n "$POSTGRES" ]; then
  specs=$E2E_POSTGRES_SPECS
  [ "$specs" = all ] && specs=""
  E2E_SPECS="$specs" E2E_DATABASE_URL="$e2e_postgres_url" E2E_REUSE_BUILD=1 E2E_DIST_DIR="$DIST_DIR" E2E_PORT=3110 E2E_DATA_DIR=.e2e-data-postgres \
    npx playwright test >"$logs/e2e-postgres.log" 2>&1 &
  e2e_pg_pid=$!
fi

wait "$unit_pid"
unit_status=$?
stamp "unit (SQLite) done"

API_DIST_DIR="$DIST_DIR" API_REQUIRE_COVERAGE=1 npx vitest run --project api >"$logs/api.log" 2>&1
api_status=$?
stamp "API done"
unit_pg_status=0
if [ -n "$POSTGRES" ]; then
  npx vitest run --project iam --project auth >"$logs/unit-postgres.log" 2>&1
  unit_pg_status=$?
  stamp "unit (PostgreSQL) done"
fi
INSTANCES_DIST_DIR="$DIST_DIR" npx vitest run --project instances >"$logs/instances.log" 2>&1
instances_status=$?
stamp "instances done"
wait "$e2e_pid"
e2e_status=$?
stamp "browser (SQLite) done"
[ -n "$POSTGRES" ] && { wait "$e2e_pg_pid"; e2e_pg_status=$?; stamp "browser (PostgreSQL) done"; }

show() {
  local title=$1 status=$2 log=$3
  [ -f "$log" ] || return 0
  echo
  echo "== $title =="
  if [ "$status" -eq 0 ]; then tail -n 8 "$log"; else cat "$log"; fi
}
show "unit tests (vitest, SQLite)" "$unit_status" "$logs/unit.log"
show "unit tests on PostgreSQL (vitest: iam, auth)" "$unit_pg_status" "$logs/unit-postgres.log"
show "API tests (vitest, the real AWS SDK and CLI against the production build)" "$api_status" "$logs/api.log"
show "instances (two servers on one PostgreSQL; SIGKILL faults)" "$instances_status" "$logs/instances.log"
show "browser tests (Playwright, SQLite)" "$e2e_status" "$logs/e2e.log"
show "browser tests on PostgreSQL (Playwright)" "$e2e_pg_status" "$logs/e2e-postgres.log"
echo
echo "== timings =="
cat "$logs/timings"
rm -rf "$logs"
[ -n "$POSTGRES" ] && psql "$POSTGRES" -qc "DROP DATABASE IF EXISTS $e2e_db" >/dev/null 2>&1
for status in "$unit_status" "$unit_pg_status" "$api_status" "$instances_status" "$e2e_status" "$e2e_pg_status"; do
  [ "$status" -eq 0 ] || exit 1
done
