#!/usr/bin/env bash
# Runs the unit tests and a set of brief commands under valgrind memcheck.
#   ./scripts/valgrind.sh
#   BRIEF_VALGRIND_DIR   the build folder (default: build-valgrind/, a plain
#                        RelWithDebInfo build: valgrind cannot run ASan code)
# Counted: memory errors and definite or indirect leaks.  "Still reachable"
# and "possibly lost" blocks (Xapian's and the C++ runtime's caches at exit)
# are not, nor a leak inside Xapian 1.4's QueryParser (tests/fuzz/xapian.supp,
# which says why).  valgrind exits 99 on an error: brief's own exit 1 means "nothing
# found", and a cmocka program's exit is its count of failed tests.
# Needs valgrind (apt-get install valgrind); not part of CI.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${BRIEF_VALGRIND_DIR:-$root/build-valgrind}
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind: not installed: apt-get install valgrind" >&2
  exit 2
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBRIEF_SANITIZE=OFF >/dev/null || exit 2
cmake --build "$build" -j"$(nproc)" >/dev/null || exit 2

work=$(mktemp -d "${TMPDIR:-/tmp}/brief-valgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT
vg=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --error-exitcode=99 --track-origins=yes
    --num-callers=30 --suppressions="$root/tests/fuzz/xapian.supp")
passed=0 failed=0 n=0

# check NAME CMD...: runs CMD under valgrind; fails on exit 99.
check() {
  local name=$1
  shift
  n=$((n + 1))
  "${vg[@]}" --log-file="$work/vg.$n.log" "$@" >"$work/out.$n" 2>"$work/err.$n"
  local st=$?
  if [ "$st" -eq 99 ] || grep -q 'ERROR SUMMARY: [1-9]' "$work/vg.$n.log"; then
    failed=$((failed + 1))
    echo "FAIL: $name (exit $st)"
    sed 's/^/    /' "$work/vg.$n.log" | head -60
  else
    passed=$((passed + 1))
    echo "ok:   $name (exit $st)"
  fi
}

echo "== unit tests"
for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  check "unit/$(basename "$t")" "$t"
done

echo "== brief commands"
brief=$build/brief
idx=$work/index
check "index" "$brief" index --corpus corpus --index "$idx"
check "index again (nothing changed)" "$brief" index --corpus corpus --index "$idx" --quiet
check "index --rebuild" "$brief" index --corpus corpus --index "$idx" --quiet --rebuild
check "search text" "$brief" search --index "$idx" burden sharing
check "search json, facets" "$brief" search --index "$idx" --format json --facets trade OR investment
check "search jsonl, phrase, filter" "$brief" search --index "$idx" --format jsonl '"special measures agreement"' pillar:4
check "search markdown, wildcard" "$brief" search --index "$idx" --format markdown 'sanction*'
check "search, spelling corrected" "$brief" search --index "$idx" cybersecuirty
check "search, partial" "$brief" search --index "$idx" alliance zzzzqqqq
check "search, filters only" "$brief" search --index "$idx" --agency "State Department" --kind recommendation
check "search, syntax error" "$brief" search --index "$idx" '(trade OR'
check "show" "$brief" show --index "$idx" rec-p4.1.1
check "quote" "$brief" quote --index "$idx" --style chicago rec-p4.1.1
check "passages json" "$brief" passages --index "$idx" --format json
check "verify" "$brief" verify --index "$idx" "South Korea today covers approximately 40 percent of the cost"
mkdir -p "$work/bad/r"
printf -- '---\nid: x\ntitle: T\n---\n\n# H\n\nbad \xff byte\n' >"$work/bad/r/report.md"
check "index of a bad corpus" "$brief" index --corpus "$work/bad" --index "$idx"
cp -r "$idx" "$work/broken"
for f in "$work/broken"/gen-*/*/*.glass "$work/broken"/gen-*/*.glass; do
  [ -e "$f" ] && yes 'brief garbage' | head -c 8192 | dd of="$f" conv=notrunc status=none
done
check "search of a damaged index" "$brief" search --index "$work/broken" trade
check "unknown option" "$brief" search --index "$idx" --bogus x

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
