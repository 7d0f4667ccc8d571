# Shared by the end-to-end tests: run the real brief binary, check what it
# prints and how it exits.  Each test script sources this file, calls
# `check` and friends, and ends with `finish`.
set -u

BRIEF=${BRIEF:?BRIEF must name the brief binary}
SOURCE_DIR=${SOURCE_DIR:?SOURCE_DIR must name the source tree}
INDEX=${INDEX:-}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/brief-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# The environment every test starts from, whatever the caller's: no colour,
# no terminal, no width, one UTF-8 locale.  A test that needs otherwise says
# so where it needs it (test_shell.sh: a pseudo-terminal with TERM=xterm).
export NO_COLOR=1 TERM=dumb LANG=C.UTF-8 LC_ALL=C.UTF-8
unset COLUMNS LINES

# BRIEF_TEST_SLOW: how many times slower brief runs here than in a plain
# build, a whole number (tests/CMakeLists.txt sets it from the cache variable
# of that name; scripts/valgrind.sh: 20).  Fixed waits and time limits that
# wait for brief take `slow SECONDS` (SECONDS times the factor: "slow 1.5"
# is "30.000") or multiply by $SLOW.
SLOW=${BRIEF_TEST_SLOW:-1}
slow() {
  awk -v s="$1" -v f="$SLOW" 'BEGIN { printf "%.3f\n", s * f }'
}

passed=0
failed=0

ok() { passed=$((passed + 1)); }
not_ok() {
  failed=$((failed + 1))
  echo "FAIL: $*" >&2
}

# run CMD...: runs brief, keeping stdout, stderr and the exit status.
run() {
  "$BRIEF" "$@" >"$WORK/out" 2>"$WORK/err"
  status=$?
  out=$(cat "$WORK/out")
  err=$(cat "$WORK/err")
}

expect_status() { # expect_status N description
  if [ "$status" -eq "$1" ]; then ok; else
    not_ok "$2: exit status $status, expected $1 (stderr: $err)"
  fi
}

expect_out() { # expect_out PATTERN description  (grep -E on stdout)
  if grep -Eq -- "$1" "$WORK/out"; then ok; else
    not_ok "$2: stdout lacks /$1/: $(head -c 600 "$WORK/out")"
  fi
}

expect_no_out() {
  if grep -Eq -- "$1" "$WORK/out"; then
    not_ok "$2: stdout has /$1/"
  else ok; fi
}

expect_err() {
  if grep -Eq -- "$1" "$WORK/err"; then ok; else
    not_ok "$2: stderr lacks /$1/: $err"
  fi
}

expect_eq() { # expect_eq ACTUAL EXPECTED description
  if [ "$1" = "$2" ]; then ok; else
    not_ok "$3: got '$1', expected '$2'"
  fi
}

# jqo FILTER: applies jq to the last stdout (fails the test on bad JSON).
jqo() {
  jq -r "$1" "$WORK/out" 2>/dev/null || echo "<invalid JSON>"
}

# two_reports DIR: a corpus of two reports, the real one and a copy of it
# under another id and title ("second", "A Second Report on the Alliance").
two_reports() {
  mkdir -p "$1/usrok2020" "$1/second"
  cp "$SOURCE_DIR"/corpus/*.tsv "$1"/
  cp "$SOURCE_DIR/corpus/usrok2020/report.md" "$1/usrok2020/"
  sed -e '0,/^id: .*/s//id: second/' \
      -e '0,/^title: .*/s//title: A Second Report on the Alliance/' \
      "$SOURCE_DIR/corpus/usrok2020/report.md" >"$1/second/report.md"
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
