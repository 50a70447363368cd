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
# The e2e tests' packages come while the builds run (the download waits on the network, not the CPU).
# --ignore-scripts: pouchdb-server (the sync tests' server) pulls in sqlite3 for an adapter it does not
# use here, whose install script compiles SQLite for minutes; leveldown loads its prebuilt binary.
npm_log=$(mktemp)
(cd tests/e2e && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >"$npm_log" 2>&1 &
npm_pid=$!
# The two builds run side by side: the last steps of each (a link, the wasm optimiser, the fonts'
# subsetting) leave a core idle, which the other fills.
web_log=$(mktemp)
bash web/scripts/build.sh web >"$web_log" 2>&1 &
web_pid=$!
native_ok=1; web_ok=1
bash web/scripts/build.sh native || native_ok=0
native_done=$(( $(date +%s) - start ))
wait "$web_pid" || web_ok=0  # also when the native build failed: no build is left running, and both say why
cat "$web_log"
echo "== native build done at $native_done s"
if [ "$native_ok" = 0 ] || [ "$web_ok" = 0 ]; then
  echo "tests: 0 passed, 1 failed (build:$([ "$native_ok" = 0 ] && echo ' native')$([ "$web_ok" = 0 ] && echo ' web'))"
  exit 1
fi
echo "== dependencies and builds done at $(( $(date +%s) - start )) s"

passed=0; failed=0
echo "== core unit tests (doctest via ctest)"
ctest_log=$(mktemp)
(cd build/native && ctest -j"$(nproc)" --output-on-failure 2>&1) | tee "$ctest_log"
total=$(grep -oE 'tests passed, [0-9]+ tests failed out of [0-9]+' "$ctest_log" | grep -oE '[0-9]+$' || echo 0)
cfail=$(grep -oE '[0-9]+ tests failed out of' "$ctest_log" | grep -oE '^[0-9]+' || echo 1)
[ -n "$total" ] || total=0
passed=$((passed + total - cfail)); failed=$((failed + cfail))

echo "== browser end-to-end tests (playwright-core + Chromium)"
wait "$npm_pid" || { cat "$npm_log"; echo "tests: $passed passed, $((failed + 1)) failed (npm ci)"; exit 1; }
cat "$npm_log"
# Each test file starts its own server (port 0) and its own Chromium profile (tests/e2e/lib.mjs), so
# files run two at a time. These stay serial, alone on the machine: analysis (a time budget per
# slice), kill (crashes and closes at random moments of a save), store (saved within 3 s / 0.5 s of
# an edit, "pending" right after it), tablet (touch gestures timed by their step intervals), persona
# (finger strokes through CDP touch events: under load, one in about ten runs of its finger test drew
# or erased differently when it shared the machine).
# The sync and class files (sync, sync_kill: 2 kill trials, sync_personas, class; each starts its own
# pouchdb-server on a free port) wait on outcomes, not on time budgets: a kill trial checks what was
# stored whenever the kill falls. They run two at a time with the rest.
serial_files="analysis kill store tablet persona"
# The two-at-a-time files start longest first (their times in a fresh-clone run: course 197 s,
# store_packs 67, customers 61, course_teach 46, sync 42, import 40, foundation 35, class 33), so
# that the last to finish does not run long alone; the others follow in name order.
longest_first="course store_packs customers course_teach sync import foundation class"
parallel=(); serial=(); rest=()
for name in $longest_first; do [ -f "tests/e2e/$name.test.mjs" ] && parallel+=("tests/e2e/$name.test.mjs"); done
for f in tests/e2e/*.test.mjs; do
  name=$(basename "$f" .test.mjs)
  if [[ " $serial_files " == *" $name "* ]]; then serial+=("$f")
  elif [[ " $longest_first " != *" $name "* ]]; then rest+=("$f"); fi
done
parallel+=("${rest[@]}")
eskip=0
# Runs one node --test call; adds its pass/fail/skip counts from the TAP summary (a call that dies
# before its summary counts as one failure).
run_e2e() {
  local concurrency=$1; shift
  local tap; tap=$(mktemp)
  node --test --test-concurrency="$concurrency" --test-reporter=spec --test-reporter-destination=stdout \
       --test-reporter=tap --test-reporter-destination="$tap" "$@"
  local p f s
  p=$(grep -E '^# pass ' "$tap" | tail -1 | grep -oE '[0-9]+' || true)
  f=$(grep -E '^# fail ' "$tap" | tail -1 | grep -oE '[0-9]+' || true)
  s=$(grep -E '^# skipped ' "$tap" | tail -1 | grep -oE '[0-9]+' || true)
  [ -n "$p" ] || p=0; [ -n "$f" ] || f=1; [ -n "$s" ] || s=0
  passed=$((passed + p)); failed=$((failed + f)); eskip=$((eskip + s))
  rm -f "$tap"
}
echo "== npm ready at $(( $(date +%s) - start )) s"
echo "-- two files at a time: ${parallel[*]}"
run_e2e 2 "${parallel[@]}"
echo "-- one at a time: ${serial[*]}"
run_e2e 1 "${serial[@]}"

echo "== done in $(( $(date +%s) - start )) s"
echo "tests: $passed passed, $failed failed, $eskip skipped"
[ "$failed" -eq 0 ]
