#!/usr/bin/env bash
# Runs the whole test suite (ctest: unit tests, end-to-end tests, relevance)
# with every program the tests start under valgrind memcheck: every brief
# (the end-to-end tests' BRIEF, the relevance runs, the brief that
# test_install installs), every cmocka unit test and relevance_eval.
#   ./scripts/valgrind.sh                  the whole suite
#   ./scripts/valgrind.sh -R e2e/test_search   extra arguments go to ctest
#   ./scripts/valgrind.sh --scan           reads the last run's logs again
#                           (after a `ctest` by hand in build-valgrind/)
#   BRIEF_VALGRIND_DIR      the build folder (default: build-valgrind/, a plain
#                           RelWithDebInfo build: valgrind cannot run ASan code)
#   BRIEF_VALGRIND_JOBS     ctest -j (default: nproc)
#   BRIEF_VALGRIND_TIMEOUT  seconds a test may take (default: 7200)
#   BRIEF_VALGRIND_SLOW     how much longer the end-to-end tests wait for brief
#                           (BRIEF_TEST_SLOW, tests/e2e/lib.sh; default: 20)
#   VALGRIND_OPTS           more valgrind options (e.g. --track-origins=yes)
#
# How: the build is configured with BRIEF_TEST_WRAPPER (tests/CMakeLists.txt)
# set to BUILD/valgrind-run, written here, which runs its arguments under
# valgrind with one log a process in BUILD/valgrind-logs/.  The tests' BRIEF
# is then BUILD/tests/brief-wrapped (tests/wrapper/brief_wrapped.c), which
# runs brief through it; so does the bin/brief that test_install installs.
# When ctest ends, every log is read: the run fails if any process had a
# memory error or a definite or indirect leak, and those logs are printed.
# Counted: memory errors and definite or indirect leaks.  "Still reachable"
# and "possibly lost" blocks (Xapian's and the C++ runtime's caches at exit)
# are not, nor a leak inside Xapian 1.4's QueryParser (tests/fuzz/xapian.supp,
# which says why).  valgrind exits 99 on an error (brief's exit 1 means
# "nothing found", a cmocka program's exit is its count of failed tests), so
# the test that ran the process fails too.
# A process killed with SIGKILL (test_atomic kills builds on purpose) ends
# with no leak report: its log is still read for errors found before.
# Every test runs, none excluded.  test_atomic measures brief's speed and
# aims its kills by it; fixed waits and time limits of the other tests are
# stretched by BRIEF_TEST_SLOW (docs/reliability.md, "Memory").
# Needs valgrind (apt-get install valgrind); not part of CI: it takes long.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${BRIEF_VALGRIND_DIR:-$root/build-valgrind}
jobs=${BRIEF_VALGRIND_JOBS:-$(nproc)}
timeout=${BRIEF_VALGRIND_TIMEOUT:-7200}
slow=${BRIEF_VALGRIND_SLOW:-20}
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind: not installed: apt-get install valgrind" >&2
  exit 2
fi
mkdir -p "$build" || exit 2
build=$(cd "$build" && pwd)
logs=$build/valgrind-logs
runner=$build/valgrind-run

scan_only=no
if [ "${1:-}" = --scan ]; then
  scan_only=yes
  shift
fi
if [ "$scan_only" = no ]; then
  # The runner: `valgrind-run PROGRAM ARGS...`.  exec keeps the process id,
  # so a test that kills brief by its pid kills valgrind and brief with it.
  # The log's name has the runner's pid and the time (pids come round again
  # in a long run); valgrind's %p gives a forked child a log of its own.
  cat >"$runner.tmp" <<EOF
#!/usr/bin/env bash
# Written by scripts/valgrind.sh: runs PROGRAM ARGS... under valgrind memcheck.
exec valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \\
  --show-leak-kinds=definite,indirect --error-exitcode=99 --num-callers=30 --vgdb=no \\
  --suppressions='$root/tests/fuzz/xapian.supp' \\
  --log-file="$logs/vg.\$\$.\${EPOCHREALTIME/./}.%p.log" "\$@"
EOF
  chmod +x "$runner.tmp" && mv "$runner.tmp" "$runner" || exit 2
  # No brief-indexer: memcheck sees the allocations of the C library's
  # malloc, and would not follow brief index into another program.
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBRIEF_SANITIZE=OFF \
    -DBRIEF_JEMALLOC=OFF -DBRIEF_TEST_WRAPPER="$runner" -DBRIEF_TEST_SLOW="$slow" >/dev/null || exit 2
  cmake --build "$build" -j"$jobs" >/dev/null || exit 2

  rm -rf "$logs"
  mkdir -p "$logs" || exit 2
  started=$(date +%s)
  (cd "$build" && ctest --output-on-failure -j"$jobs" --timeout "$timeout" "$@")
  ctest_status=$?
  elapsed=$(($(date +%s) - started))
elif [ ! -d "$logs" ]; then
  echo "valgrind: no logs in $logs: run ./scripts/valgrind.sh first" >&2
  exit 2
else
  ctest_status=0 elapsed=0
fi

# Every log: one line of figures (BUILD/valgrind-logs/summary.tsv): the log,
# how the process ended, its errors, bytes definitely and indirectly lost,
# its program.  A process that ran to its end has "ERROR SUMMARY: N errors"
# (leaks included: --errors-for-leak-kinds).  One with no such line was
# killed (SIGKILL: test_atomic), or is a forked child that then ran another
# program (relevance_eval running brief; that brief has a log of its own):
# the runner's pid and valgrind's %p differ in a forked child's log name.
# Their errors are counted from the reports in the log.
summary=$logs/summary.tsv
find "$logs" -name 'vg.*.log' -print0 | xargs -0 -r awk '
  function flush(  how, n, part) {
    if (file == "") return
    n = split(file, part, ".")
    how = done ? "end" : (part[n - 3] == part[n - 1] ? "killed" : "exec")
    printf "%s\t%s\t%d\t%d\t%d\t%s\n", file, how, done ? errors : reports, def, ind, prog
  }
  function bytes(line) { sub(/.*lost: /, "", line); sub(/ bytes.*/, "", line); gsub(/,/, "", line); return line + 0 }
  FNR == 1 { flush(); file = FILENAME; done = 0; errors = 0; reports = 0; def = 0; ind = 0; prog = "?"; prev = "" }
  /^==[0-9]+== Command: / { prog = $3; sub(/.*\//, "", prog) }
  /^==[0-9]+== ERROR SUMMARY: / { done = 1; n = $4; gsub(/,/, "", n); errors = n + 0 }
  # An error report: a line of its own, then its stack ("   at 0x...").
  /^==[0-9]+== +at 0x/ && prev ~ /^==[0-9]+== [^ ]/ { reports++ }
  { prev = $0 }
  /^==[0-9]+== +definitely lost: / { def += bytes($0) }
  /^==[0-9]+== +indirectly lost: / { ind += bytes($0) }
  END { flush() }
' >"$summary"
empty=$(find "$logs" -name 'vg.*.log' -empty | wc -l)   # killed at once
read -r processes ended killed bad errors def ind brief units eval < <(awk -F '\t' -v empty="$empty" '
  $2 == "exec" && $3 == 0 { next }
  { n++ }
  $2 == "end" { ended++ } $2 == "killed" { killed++ }
  $3 > 0 { bad++ }
  { errors += $3; def += $4; ind += $5 }
  $6 ~ /^brief/ { brief++ } $6 ~ /^test_/ { units++ } $6 == "relevance_eval" { eval++ }
  END { printf "%d %d %d %d %d %d %d %d %d %d\n", n, ended, killed + empty, bad, errors,
        def, ind, brief, units, eval }' "$summary")

if [ "$bad" -gt 0 ]; then
  echo
  echo "== valgrind: $bad processes with memory errors or leaks (at most 20 shown)"
  awk -F '\t' '$3 > 0 { print $1 }' "$summary" | head -20 | while read -r log; do
    echo "---- $log"
    sed 's/^/    /' "$log" | head -80
  done
fi
echo
echo "valgrind: $processes processes checked ($brief brief, $units unit tests and their" \
  "forked children, $eval relevance_eval): $ended ran to their end, $killed were killed" \
  "(SIGKILL: no exit report, errors still counted)"
run=
[ "$scan_only" = no ] && run="; ctest exit $ctest_status; ${elapsed} s"
echo "valgrind: $errors errors, $def bytes definitely lost, $ind bytes indirectly lost;" \
  "$bad processes at fault$run"
echo "valgrind: one log a process in $logs ($summary sums them up)"
[ "$ctest_status" -eq 0 ] && [ "$bad" -eq 0 ] && [ "$processes" -gt 0 ]
