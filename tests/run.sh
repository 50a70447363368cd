#!/usr/bin/env bash
# The test command: installs what is missing, builds everything, runs the doctest unit tests of
# core (through ctest) and the browser end-to-end tests (node's test runner, playwright-core,
# Debian's Chromium), and ends with one summary line: "tests: N passed, M failed, K skipped"
# (each skipped test carries its reason in the test file).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$(date +%s)
bash web/scripts/deps.sh || { echo "tests: 0 passed, 1 failed (dependencies)"; exit 1; }
bash web/scripts/build.sh native web || { echo "tests: 0 passed, 1 failed (build)"; exit 1; }

passed=0; failed=0
echo "== core unit tests (doctest via ctest)"
ctest_log=$(mktemp)
(cd build/native && ctest --output-on-failure 2>&1) | tee "$ctest_log"
total=$(grep -oE 'tests passed, [0-9]+ tests failed out of [0-9]+' "$ctest_log" | grep -oE '[0-9]+$' || echo 0)
cfail=$(grep -oE '[0-9]+ tests failed out of' "$ctest_log" | grep -oE '^[0-9]+' || echo 1)
[ -n "$total" ] || total=0
passed=$((passed + total - cfail)); failed=$((failed + cfail))

echo "== browser end-to-end tests (playwright-core + Chromium)"
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error) || { echo "tests: $passed passed, $((failed + 1)) failed (npm ci)"; exit 1; }
tap=$(mktemp)
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
     --test-reporter=tap --test-reporter-destination="$tap" tests/e2e/*.test.mjs
epass=$(grep -E '^# pass ' "$tap" | tail -1 | grep -oE '[0-9]+' || echo 0)
efail=$(grep -E '^# fail ' "$tap" | tail -1 | grep -oE '[0-9]+' || echo 1)
eskip=$(grep -E '^# skipped ' "$tap" | tail -1 | grep -oE '[0-9]+' || echo 0)
[ -n "$epass" ] || epass=0; [ -n "$efail" ] || efail=1; [ -n "$eskip" ] || eskip=0
passed=$((passed + epass)); failed=$((failed + efail))

echo "== done in $(( $(date +%s) - start )) s"
echo "tests: $passed passed, $failed failed, $eskip skipped"
[ "$failed" -eq 0 ]
