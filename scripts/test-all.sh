#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what the tests need when it is missing
# (npm packages, Debian's chromium, postgresql, fonts-noto-cjk, libreoffice), says so, then runs
# format, lint, type checks, unit + store (SQLite and a real PostgreSQL) + HTTP tests, and the
# browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\n== %s\n' "$*"; }

# 1. npm packages (better-sqlite3 compiles from source: about 80 s on 2 cores)
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  JOBS=max npm ci --no-audit --no-fund
fi

# 2. Debian packages the tests use
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# grep reads all of fc-list (no -q): with pipefail, -q's early exit would fail fc-list (SIGPIPE).
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
if [ ${#need[@]} -gt 0 ]; then
  say "installing Debian packages the tests need: ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: need root to apt-get install ${need[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  echo "installed: ${need[*]}"
fi

# 3. static checks and the test tiers
# The static checks (prettier, eslint, three tsc: one process on one core each, about 170 s of
# CPU) run beside the node + web Vitest run, which uses one worker on a 2-core machine (Vitest's
# default, cores − 1; its files' times add up to its wall clock) and leaves the other core
# mostly idle. Their output is kept and printed, under its own heading, once the run is done;
# the script fails if either failed, and the browser tests run only when both passed. The
# checks run at a lower priority (nice): the tests' waits come first.
static_log=$(mktemp)
trap 'rm -f "$static_log"' EXIT
say "format, lint, type check (beside the tests below; their output follows them)"
nice -n 10 bash -c 'npm run --silent format:check && npm run --silent lint && npm run --silent typecheck' \
  >"$static_log" 2>&1 &
static_pid=$!
say "unit, store (SQLite + PostgreSQL) and HTTP tests"
tests_rc=0
# LUOSHI_TEST_WORKERS=2 runs two test files at a time (to measure on an idle machine; see
# docs/BENCHMARKS.md "The test suite's time"); unset, Vitest's default.
npx vitest run ${LUOSHI_TEST_WORKERS:+--maxWorkers="$LUOSHI_TEST_WORKERS"} || tests_rc=$?
static_rc=0
wait "$static_pid" || static_rc=$?
if [ "$static_rc" -eq 0 ]; then say "format, lint, type check: passed"; else say "format, lint, type check: FAILED"; fi
cat "$static_log"
if [ "$static_rc" -ne 0 ] || [ "$tests_rc" -ne 0 ]; then
  echo "error: $([ "$static_rc" -ne 0 ] && echo 'the static checks failed')$([ "$static_rc" -ne 0 ] && [ "$tests_rc" -ne 0 ] && echo ' and ')$([ "$tests_rc" -ne 0 ] && echo 'the tests failed')" >&2
  exit 1
fi
if [ -f e2e/playwright.config.ts ]; then
  say "browser tests (Debian Chromium)"
  npm run --silent e2e
fi
