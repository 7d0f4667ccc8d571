#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz/ with clang (AddressSanitizer,
# UndefinedBehaviorSanitizer) and runs each for a bounded time.
#   ./scripts/fuzz.sh [SECONDS] [HARNESS...]
#     SECONDS   how long each harness runs (default 60)
#     HARNESS   edition, normalize, query, stub, tables, ingest (default: all six)
#   BRIEF_FUZZ_DIR   where to build and keep the growing corpora
#                    (default: build-fuzz/)
# Needs clang and libclang-rt-14-dev (Debian), besides what setup.sh
# installs; fuzzing is not part of CI.  A crash leaves its input in
# build-fuzz/artifacts/HARNESS/; copy it to tests/fuzz/regressions/HARNESS/
# and `ctest -R test_regressions` replays it.  Exits 1 if any harness
# crashed, leaked, timed out or ran out of memory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(edition normalize query stub tables ingest)
out=${BRIEF_FUZZ_DIR:-$root/build-fuzz}
mkdir -p "$out/obj"

for tool in clang clang++ pkg-config; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fuzz: $tool is missing: apt-get install clang libclang-rt-14-dev pkg-config" >&2
    exit 2
  fi
done
if ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }' |
     clang -x c -fsanitize=fuzzer -o "$out/obj/probe" - 2>/dev/null; then
  echo "fuzz: clang cannot link -fsanitize=fuzzer: apt-get install libclang-rt-14-dev" >&2
  exit 2
fi

libs="xapian-core libutf8proc libcmark jansson"
# src/ingest includes libxml2's and poppler-glib's headers (it loads them
# with dlopen: -ldl)
ingest_cflags=$(pkg-config --cflags libxml-2.0 poppler-glib)
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
includes=()
for d in src/*/; do includes+=(-I"$root/$d"); done
cflags=(-std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 $sanitize -fsanitize=fuzzer-no-link
        "${includes[@]}" $(pkg-config --cflags $libs) $ingest_cflags)

# brief's core (everything but the command line), instrumented.
echo "fuzz: building in $out"
objs=()
for src in $(find src -name '*.c' -not -path 'src/cli/*' | sort); do
  obj=$out/obj/$(echo "${src%.c}" | tr / _).o
  if [ ! -e "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find src -name '*.h' -newer "$obj" | head -1)" ]; then
    clang "${cflags[@]}" -Wall -Wextra -c "$src" -o "$obj"
  fi
  objs+=("$obj")
done
cc_obj=$out/obj/xapian-c.o
if [ ! -e "$cc_obj" ] || [ src/xapian-c/xapian-c.cc -nt "$cc_obj" ] || [ src/xapian-c/xapian-c.h -nt "$cc_obj" ]; then
  clang++ -std=c++17 -g -O1 $sanitize -fsanitize=fuzzer-no-link -Isrc/xapian-c \
    $(pkg-config --cflags xapian-core) -c src/xapian-c/xapian-c.cc -o "$cc_obj"
fi
objs+=("$cc_obj")

status=0
summary=()
for h in "${harnesses[@]}"; do
  bin=$out/fuzz_$h
  clang "${cflags[@]}" -Wall -Wextra -Werror -DBRIEF_SOURCE_DIR="\"$root\"" \
    -c "tests/fuzz/fuzz_$h.c" -o "$out/obj/fuzz_$h.o"
  # Linked by clang++: UBSan's C++ checks (vptr) live in its C++ runtime.
  clang++ $sanitize -fsanitize=fuzzer "$out/obj/fuzz_$h.o" "${objs[@]}" \
    $(pkg-config --libs $libs) -ldl -o "$bin"
  mkdir -p "$out/corpus/$h" "$out/artifacts/$h"
  case $h in
    edition | ingest) max_len=65536 ;;
    *) max_len=4096 ;;
  esac
  echo "fuzz: $h for ${seconds} s"
  log=$out/fuzz_$h.log
  set +e
  # A leak inside Xapian 1.4's QueryParser itself is suppressed (see
  # tests/fuzz/xapian.lsan.supp); every other leak fails the run.
  LSAN_OPTIONS=suppressions=$root/tests/fuzz/xapian.lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS} \
  TMPDIR=${TMPDIR:-/tmp} "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$out/artifacts/$h/" \
    "$out/corpus/$h" "tests/fuzz/seeds/$h" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$log" | grep -o "[0-9]*$" | tail -1 || true)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  if [ "$rc" -ne 0 ]; then
    status=1
    summary+=("$h: FAILED (exit $rc) after ${runs:-?} executions; see $log and $out/artifacts/$h/")
    grep -m 5 -E 'ERROR|SUMMARY|FUZZ_CHECK|runtime error' "$log" >&2 || true
  else
    summary+=("$h: ${runs:-?} executions in ${seconds} s, coverage ${cov:-?} edges, corpus $(ls "$out/corpus/$h" | wc -l) inputs, no crash")
  fi
done
printf 'fuzz: %s\n' "${summary[@]}"
exit "$status"
