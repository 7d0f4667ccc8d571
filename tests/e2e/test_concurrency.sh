# Concurrency: one build at a time per index folder (a second `brief index`
# stops at once with a clear message and exit 2, or waits with --wait), and
# searches never fail while the index is rebuilt again and again under
# them.  Every wait is bounded: the test ends on its own.
#   BRIEF_SEARCHERS (8)  searchers
#   BRIEF_REBUILDS (8)   rebuilds under them, or fewer (at least 3) when they
#   BRIEF_REBUILD_SECONDS (20)  take longer than that on a busy machine
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rel_lib.sh"
# In a sanitizer build, leaks are checked by the other tests: here the
# hundreds of short searches skip LeakSanitizer's exit-time scan.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

SEARCHERS=${BRIEF_SEARCHERS:-8}
REBUILDS=${BRIEF_REBUILDS:-8}
REBUILD_SECONDS=${BRIEF_REBUILD_SECONDS:-20}
started=$(now_ms)
corpus=$WORK/corpus
idx=$WORK/index
make_corpus "$corpus" 2
run index --corpus "$corpus" --index "$idx" --quiet
expect_status 0 "first build"
expected=$(top_id "$idx")
case $expected in *:*) ok ;; *) not_ok "the known query gives $expected" ;; esac

# lock_held: is the build lock of $idx taken now?  Read from /proc/locks:
# probing with flock -n would take the lock for a moment itself, and a
# build starting at that moment would be refused.
lock_held() {
  local inode
  inode=$(stat -c %i "$idx/.lock" 2>/dev/null) || return 1
  awk -v ino="$inode" '$2 == "FLOCK" && $6 ~ (":" ino "$") { found = 1 }
                       END { exit !found }' /proc/locks
}

# wait_for_lock: until someone holds the lock, at most 10 s (times SLOW).
wait_for_lock() {
  local i
  for ((i = 0; i < 1000 * SLOW; i++)); do
    lock_held && return 0
    sleep 0.01
  done
  return 1
}

# ---- another process holds the lock --------------------------------------
flock "$idx/.lock" sh -c "sleep $(slow 1.5); touch '$WORK/released'" &
holder=$!
wait_for_lock && ok || not_ok "flock(1) did not take the lock"
t0=$(now_ms)
run index --corpus "$corpus" --index "$idx" --quiet
elapsed=$(($(now_ms) - t0))
expect_status 2 "a second build while the lock is held"
expect_err "another 'brief index' is building it" "the second build says why"
expect_err "--wait" "the second build tells about --wait"
expect_eq "$(wc -l <"$WORK/err")" 1 "the message is one line"
[ ! -e "$WORK/released" ] && ok || not_ok "the second build waited (${elapsed} ms) instead of stopping"
"$BRIEF" index --corpus "$corpus" --index "$idx" --quiet --wait >"$WORK/out" 2>"$WORK/err" &
waiter=$!
# The waiter must still be waiting while the lock is held.
sleep 0.3
if [ ! -e "$WORK/released" ]; then
  kill -0 "$waiter" 2>/dev/null && ok || not_ok "--wait did not wait for the lock"
fi
wait "$holder"
# Bounded: the waiter has 30 s (times SLOW) after the holder let go.
for ((i = 0; i < 300 * SLOW; i++)); do
  kill -0 "$waiter" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$waiter" 2>/dev/null; then
  not_ok "--wait still running $((30 * SLOW)) s after the lock was released"
  kill -KILL "$waiter"
fi
wait "$waiter"
status=$?
err=$(cat "$WORK/err")
expect_status 0 "--wait builds once the lock is released"
[ -e "$WORK/released" ] && ok || not_ok "--wait finished before the lock was released"
expect_eq "$(top_id "$idx")" "$expected" "the known query after the --wait build"

lock_ms=$(($(now_ms) - started))

# ---- a real build is running ----------------------------------------------
# The second build is refused while the first runs (tried again if the first
# was so quick it ended before the second started).
refused=no
for attempt in 1 2 3; do
  "$BRIEF" index --corpus "$corpus" --index "$idx" --quiet "${REBUILD[@]}" >/dev/null 2>"$WORK/first.err" &
  first=$!
  if wait_for_lock; then
    run index --corpus "$corpus" --index "$idx" --quiet
    second_status=$status second_err=$err
    still_running=no
    kill -0 "$first" 2>/dev/null && still_running=yes
  else
    second_status=none
  fi
  wait "$first"
  first_status=$?
  expect_eq "$first_status" 0 "the first build (attempt $attempt): $(cat "$WORK/first.err")"
  if [ "$second_status" = 2 ]; then
    refused=yes
    status=2 err=$second_err
    expect_err "^brief index: index .*: another 'brief index' is building it; try again when it ends \(or use --wait\)$" \
      "the refused build's message"
    break
  fi
  if [ "$second_status" != 0 ] || [ "$still_running" = yes ]; then
    not_ok "a second build during a running one exited $second_status: $second_err"
    break
  fi
done
expect_eq "$refused" yes "a second build while one runs is refused"

"$BRIEF" index --corpus "$corpus" --index "$idx" --quiet "${REBUILD[@]}" 2>"$WORK/first.err" &
first=$!
wait_for_lock
run index --corpus "$corpus" --index "$idx" --quiet --wait
expect_status 0 "--wait while a real build runs"
wait "$first"
expect_eq "$?" 0 "the build that --wait waited for"
[ "$(gen_count "$idx")" -le 2 ] && ok || not_ok "after two builds in a row: $(gen_count "$idx") builds in the index folder"
expect_eq "$(top_id "$idx")" "$expected" "the known query after both"

running_ms=$(($(now_ms) - started - lock_ms))

# ---- many searchers, repeated rebuilds -------------------------------------
# The report and a copy, in an index of their own.  The rebuilds alternate:
# an update in place of the copy (its first and last passages changed), a
# whole new build swapped in.
make_corpus "$WORK/two" 1
set_variant "$WORK/two" plughalpha
variant=alpha
idx=$WORK/index2
run index --corpus "$WORK/two" --index "$idx" --quiet
expect_status 0 "build of the report and a copy"
known=$(short_id "$(top_id "$idx")")
expect_eq "$known" "$(short_id "$expected")" "the known query in the second index"
full_id="usrok2020:$known"
passages=$("$BRIEF" passages --index "$idx" --format jsonl | wc -l)
searcher() { # searcher N: search (and show, passages, the changed report) until told to stop
  local n=$1 i=0 id out state
  while [ ! -e "$WORK/stop" ]; do
    i=$((i + 1))
    case $((i % 4)) in
      0) # show a passage by id
        if out=$("$BRIEF" show --index "$idx" "$full_id" --format json 2>"$WORK/s$n.err") &&
           [ "$(jq -r '.id' <<<"$out" 2>/dev/null)" = "$full_id" ]; then
          echo ok
        else echo "FAIL show: $(cat "$WORK/s$n.err")"; fi ;;
      1) # every passage
        if out=$("$BRIEF" passages --index "$idx" --format jsonl 2>"$WORK/s$n.err") &&
           [ "$(wc -l <<<"$out")" -eq "$passages" ]; then
          echo ok
        else echo "FAIL passages: $(wc -l <<<"$out") lines: $(cat "$WORK/s$n.err")"; fi ;;
      2) # the changed report is wholly old or wholly new
        state=$(variant_state "$idx" "$WORK/s$n.err")
        case $state in
          alpha | beta) echo ok ;;
          *) echo "FAIL variant: $state $(cat "$WORK/s$n.err")" ;;
        esac ;;
      *)
        id=$(top_id "$idx" "$WORK/s$n.err")
        if [ "$(short_id "$id")" = "$known" ]; then echo ok; else
          echo "FAIL search: $id $(cat "$WORK/s$n.err")"; fi ;;
    esac
  done >"$WORK/searches.$n"
}
# start_searchers FUNCTION: SEARCHERS copies of FUNCTION N in the
# background, their pids in pids[].
start_searchers() {
  local n
  pids=()
  for ((n = 1; n <= SEARCHERS; n++)); do
    "$1" "$n" &
    pids+=($!)
  done
}
start_searchers searcher
sleep 0.5  # every searcher is under way before the first rebuild
# REBUILDS rebuilds, or as many as fit in REBUILD_SECONDS (at least 3).
rebuild_failures=0 rebuilds=0 updates=0 wholes=0
t0=$(now_ms)
while [ "$rebuilds" -lt "$REBUILDS" ] &&
      { [ "$rebuilds" -lt 3 ] || [ $(($(now_ms) - t0)) -lt $((REBUILD_SECONDS * 1000)) ]; }; do
  rebuilds=$((rebuilds + 1))
  if [ "$variant" = alpha ]; then variant=beta; else variant=alpha; fi
  set_variant "$WORK/two" "plugh$variant"
  args=()
  if [ $((rebuilds % 2)) -eq 0 ]; then
    args=("${REBUILD[@]}")
    wholes=$((wholes + 1))
  else
    updates=$((updates + 1))
  fi
  if ! timeout "$(slow 60)" "$BRIEF" index --corpus "$WORK/two" --index "$idx" --quiet "${args[@]}" 2>"$WORK/rebuild.err"; then
    rebuild_failures=$((rebuild_failures + 1))
    not_ok "rebuild $rebuilds under $SEARCHERS searchers: $(cat "$WORK/rebuild.err")"
  fi
done
rebuild_ms=$(($(now_ms) - t0))
sleep 0.3  # and some searches after the last swap
touch "$WORK/stop"
wait "${pids[@]}"
cat "$WORK"/searches.* >"$WORK/searches"
searches=$(wc -l <"$WORK/searches")
failures=$(grep -c '^FAIL' "$WORK/searches")
[ "$searches" -ge "$SEARCHERS" ] && ok || not_ok "only $searches searches ran"
expect_eq "$failures" 0 "searches that failed during rebuilds: $(grep -m 3 '^FAIL' "$WORK/searches" | tr '\n' ' ')"
[ "$(gen_count "$idx")" -le 2 ] && ok || not_ok "after the rebuilds: $(gen_count "$idx") builds in the index folder"

echo "concurrency: $SEARCHERS searchers ran $searches searches (search, show, passages, the changed report) during $rebuilds rebuilds ($updates in place, $wholes whole) in ${rebuild_ms} ms: $failures failed; $rebuild_failures rebuilds failed"

# ---- several shards, updated in place --------------------------------------
# An update in place commits the shards one after another; behind the fence
# (src/index/fence.h) a searcher still sees the changed report wholly old or
# wholly new.  The shard count is chosen so that the report's two changed
# passages lie in different shards (else there is nothing to tear).
shard_of_word() { # shard_of_word INDEX WORD: the shards whose postings have WORD
  local gen k       # (its Z-stem: WORD is its own stem)
  gen=$(sed -n '1s#^glass \(.*\)/meta$#\1#p' "$1/current")
  for k in "$1/$gen"/shard-*; do
    xapian-delve -t "Z$2" "$k" 2>/dev/null | grep -q 'termfreq [1-9]' && basename "$k"
  done
}
set_variant "$WORK/two" plughalpha
variant=alpha
idx=$WORK/index3
for shards in 2 3 4 5 6; do
  rm -rf "$idx"
  "$BRIEF" index --corpus "$WORK/two" --index "$idx" --quiet --shards "$shards" 2>"$WORK/err"
  [ "$(shard_of_word "$idx" plughalpha | wc -l)" -eq 2 ] && break
done
expect_eq "$(shard_of_word "$idx" plughalpha | wc -l)" 2 "the two changed passages in two shards (of $shards)"
rm -f "$WORK/stop"
sharded_searcher() { # the changed report, wholly old or new, until told to stop
  local n=$1 state
  while [ ! -e "$WORK/stop" ]; do
    state=$(variant_state "$idx" "$WORK/t$n.err")
    case $state in
      alpha | beta) echo ok ;;
      *) echo "FAIL variant: $state $(cat "$WORK/t$n.err")" ;;
    esac
  done >"$WORK/sharded.$n"
}
start_searchers sharded_searcher
sleep 0.3
t0=$(now_ms) updates=0
while [ "$updates" -lt "$REBUILDS" ] &&
      { [ "$updates" -lt 3 ] || [ $(($(now_ms) - t0)) -lt $((REBUILD_SECONDS * 1000)) ]; }; do
  updates=$((updates + 1))
  if [ "$variant" = alpha ]; then variant=beta; else variant=alpha; fi
  set_variant "$WORK/two" "plugh$variant"
  timeout "$(slow 60)" "$BRIEF" index --corpus "$WORK/two" --index "$idx" --quiet >"$WORK/out" 2>"$WORK/rebuild.err" ||
    not_ok "update $updates of $shards shards: $(cat "$WORK/rebuild.err")"
done
sleep 0.3
touch "$WORK/stop"
wait "${pids[@]}"
cat "$WORK"/sharded.* >"$WORK/sharded"
sharded=$(wc -l <"$WORK/sharded")
torn=$(grep -c '^FAIL' "$WORK/sharded")
[ "$sharded" -ge "$SEARCHERS" ] && ok || not_ok "only $sharded searches ran"
expect_eq "$torn" 0 "searches that saw a report half updated across $shards shards: $(grep -m 3 '^FAIL' "$WORK/sharded" | tr '\n' ' ')"
[ "$(variant_state "$idx")" = "$variant" ] && ok || not_ok "after the updates: $(variant_state "$idx"), expected $variant"
# An update killed inside its commits leaves the fence marked: searches say
# so (the answers may mix updates) until the next build finishes the work.
printf 'an update is committing\n' >"$idx/.fence"
run search --index "$idx" plughalpha OR plughbeta
expect_err "^brief search: warning: .*: an update of this index was cut off halfway: its shards may differ until 'brief index' runs again$" \
  "a search after an update killed halfway warns"
# Every command that reads the index says it too, once, before its output
# (stdout and stderr merged, the warning is the first line).
some_id=$("$BRIEF" passages --index "$idx" --format jsonl 2>/dev/null | head -1 | jq -r .id)
for cmd in "passages" "show $some_id" "quote $some_id" "facets" "cite" \
           "verify plughalpha"; do
  # shellcheck disable=SC2086 # the command's words
  first=$("$BRIEF" $cmd --index "$idx" 2>&1 | head -1)
  case $first in
    "brief ${cmd%% *}: warning: "*"cut off halfway"*) ok ;;
    *) not_ok "brief $cmd after an update killed halfway: first line '$first'" ;;
  esac
done
run index --corpus "$WORK/two" --index "$idx" --quiet
expect_status 0 "the next build"
run search --index "$idx" plughalpha OR plughbeta
expect_status 0 "a search after the next build"
expect_eq "$err" "" "and no warning"
echo "concurrency: $SEARCHERS searchers checked the changed report $sharded times during $updates in-place updates of $shards shards: $torn saw it half updated"
echo "concurrency: $(($(now_ms) - started)) ms in all (lock held by flock(1): ${lock_ms} ms, beside a running build: ${running_ms} ms)"
finish
