# Atomic rebuilds: `brief index` killed with SIGKILL at random moments never
# breaks the index.  Half the kills hit whole new builds (the gen-* folder
# swapped in with rename), half hit updates in place (a changed report
# re-indexed in one commit).  After every kill the known query still finds
# its known best passage, the changed report is wholly old or wholly new,
# and the next build succeeds and clears what the dead one left; a search
# that runs all the while sees the old index or the new one, never an error.
#   BRIEF_KILLS (50)  kills to make     BRIEF_SEED  the random seed (printed)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rel_lib.sh"
# In a sanitizer build, leaks are checked by the other tests: here the
# hundreds of short searches skip LeakSanitizer's exit-time scan.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

KILLS=${BRIEF_KILLS:-50}
SEED=${BRIEF_SEED:-$$}
RANDOM=$SEED
started=$(now_ms)

# What the known query finds in the real corpus (the fixture index).
fixture_top=$(top_id "$INDEX")
case $fixture_top in
  *:*) ok ;;
  *) not_ok "the fixture index does not answer the known query: $fixture_top" ;;
esac

# A copy of the corpus in $TMPDIR.  The report alone builds in a fraction
# of a second; when that is quick, one more copy of it under another id
# make each build long enough for kills to land all through it.
make_corpus "$WORK/one" 0
t0=$(now_ms)
"$BRIEF" index --corpus "$WORK/one" --index "$WORK/calibrate" --quiet
one_ms=$(($(now_ms) - t0))
copies=0
[ "$one_ms" -lt 350 ] && copies=1
corpus=$WORK/corpus
idx=$WORK/index
make_corpus "$corpus" "$copies"
passages_expected=$(("$("$BRIEF" passages --index "$WORK/calibrate" --format jsonl | wc -l)" * (copies + 1)))

# Two versions of the corpus: one report's first and last passages carry
# the word plughalpha, or plughbeta.  The known query's best passage is
# measured in each.
set_variant "$corpus" plughbeta
run index --corpus "$corpus" --index "$idx" --quiet
expect_status 0 "first build"
expected_beta=$(top_id "$idx")
set_variant "$corpus" plughalpha
t0=$(now_ms)
run index --corpus "$corpus" --index "$idx" --quiet "${REBUILD[@]}"
full_ms=$(($(now_ms) - t0))
expect_status 0 "second build (a whole new one)"
expected_alpha=$(top_id "$idx")
expect_eq "$(variant_state "$idx")" alpha "the index holds the alpha version"
expect_eq "$(short_id "$expected_alpha")" "$(short_id "$fixture_top")" \
  "the copied corpus answers the known query as the real one"
expect_eq "$(short_id "$expected_beta")" "$(short_id "$fixture_top")" \
  "the beta version answers the known query as the real one"
set_variant "$corpus" plughbeta
t0=$(now_ms)
run index --corpus "$corpus" --index "$idx" --quiet
update_ms=$(($(now_ms) - t0))
expect_status 0 "third build (of a changed report)"
expect_eq "$(variant_state "$idx")" beta "the index holds the beta version"
expect_eq "$(short_id "$(top_id "$idx")")" "$(short_id "$fixture_top")" "the known query after an update"
[ "$full_ms" -lt 1 ] && full_ms=1
[ "$update_ms" -lt 1 ] && update_ms=1
variant=beta last_state=beta

# known_answer DESC: the known query gives its known best passage (in one
# copy of the report or another: they score the same, and which comes first
# depends on the order documents were added), and the changed report is
# wholly one version.
known=$(short_id "$fixture_top")
known_answer() {
  local got state
  got=$(top_id "$idx" "$WORK/check.err")
  if [ "$(short_id "$got")" = "$known" ]; then ok; else
    not_ok "$1: the known query gives '$got' ($(cat "$WORK/check.err")), expected '<report>:$known'"
  fi
  [ "${2:-}" = top-only ] && return
  state=$(variant_state "$idx" "$WORK/check.err")
  case $state in
    alpha | beta) ok ;;
    *) not_ok "$1: the changed report is half old, half new: $state $(cat "$WORK/check.err")" ;;
  esac
  last_state=$state
}

# One searcher runs the known query over and over while builds are killed.
searcher() {
  local id
  while [ ! -e "$WORK/stop" ]; do
    id=$(top_id "$idx" "$WORK/searcher.err")
    if [ "$(short_id "$id")" = "$known" ]; then echo ok; else
      echo "FAIL $id $(cat "$WORK/searcher.err")"; fi
    sleep $((SANITIZED ? 1 : 0)).4
  done >"$WORK/searches"
}
searcher &
searcher_pid=$!

kills=0 finished=0 full=0 iter=0
early=0 writing=0 swapped=0 stayed_old=0 became_new=0
full_kills=$((KILLS / 2))
while [ "$kills" -lt "$KILLS" ] && [ "$iter" -lt $((KILLS * 3)) ]; do
  iter=$((iter + 1))
  if [ $((iter % 10)) -eq 0 ]; then
    # A build left to finish: it succeeds and clears what killed ones left.
    run index --corpus "$corpus" --index "$idx" --quiet
    expect_status 0 "build after $kills kills"
    [ "$(gen_count "$idx")" -le 2 ] && ok ||
      not_ok "after a build after $kills kills: $(gen_count "$idx") builds in the index folder"
    expect_eq "$(variant_state "$idx")" "$variant" "after a build after $kills kills: the corpus's version"
    full=$((full + 1))
    continue
  fi
  # The first half of the kills hit whole new builds, the rest updates of
  # the changed report in place; each build has the other version to write.
  if [ "$variant" = alpha ]; then variant=beta; else variant=alpha; fi
  set_variant "$corpus" "plugh$variant"
  if [ "$kills" -lt "$full_kills" ]; then
    kind=full span=$full_ms args=("${REBUILD[@]}")
  else
    kind=update span=$update_ms args=()
  fi
  before=$(current_gen "$idx")
  gens_before=$(ls -d "$idx"/gen-* 2>/dev/null)
  delay=$((RANDOM % (span + 1)))
  "$BRIEF" index --corpus "$corpus" --index "$idx" --quiet "${args[@]}" 2>"$WORK/build.err" &
  pid=$!
  sleep "$(ms_to_s "$delay")"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  st=$?
  # Whole builds change nothing until the swap: the known query is the check.
  if [ "$kind" = full ]; then
    known_answer "after a kill of a whole build at ${delay} ms" top-only
  else
    known_answer "after a kill of an update at ${delay} ms"
  fi
  if [ "$st" -eq 137 ]; then
    kills=$((kills + 1))
    # Where did the kill land?
    if [ "$kind" = full ]; then
      if [ "$(current_gen "$idx")" != "$before" ]; then
        swapped=$((swapped + 1))
      elif [ "$(ls -d "$idx"/gen-* 2>/dev/null)" != "$gens_before" ]; then
        writing=$((writing + 1))
      else
        early=$((early + 1))
      fi
    elif [ "$last_state" = "$variant" ]; then  # an update
      became_new=$((became_new + 1))
    else
      stayed_old=$((stayed_old + 1))
    fi
  elif [ "$st" -eq 0 ]; then
    finished=$((finished + 1))   # the build ended before the kill came:
    if [ "$kind" = full ]; then  # aim earlier from now on
      full_ms=$((full_ms * 3 / 4 + 10))
    else
      update_ms=$((update_ms * 3 / 4 + 10))
    fi
    expect_eq "$(variant_state "$idx")" "$variant" "a build that finished wrote the new version"
  else
    not_ok "a $kind build exited $st before any kill (after ${delay} ms): $(cat "$WORK/build.err")"
  fi
done
expect_eq "$kills" "$KILLS" "kills made"

touch "$WORK/stop"
wait "$searcher_pid"
searches=$(wc -l <"$WORK/searches")
search_failures=$(grep -c '^FAIL' "$WORK/searches")
[ "$searches" -gt 0 ] && ok || not_ok "the searcher ran no search"
expect_eq "$search_failures" 0 "searches that failed while builds were killed: $(grep -m 3 '^FAIL' "$WORK/searches" | tr '\n' ' ')"

# The next build after the last kill succeeds and leaves a clean folder.
run index --corpus "$corpus" --index "$idx" --quiet
expect_status 0 "the build after the last kill"
expect_eq "$(variant_state "$idx")" "$variant" "after the last build: the corpus's version"
run index --corpus "$corpus" --index "$idx" --quiet "${REBUILD[@]}"
expect_status 0 "a whole new build after the last kill"
[ "$(gen_count "$idx")" -le 2 ] && ok || not_ok "after the last build: $(gen_count "$idx") builds in the index folder"
[ -z "$(compgen -G "$idx/current.tmp*")" ] && ok || not_ok "a stray current.tmp is left"
expect_eq "$(short_id "$(top_id "$idx")")" "$known" "the known query after the last build"
run passages --index "$idx" --format jsonl
expect_status 0 "brief passages after the last build"
expect_eq "$(wc -l <"$WORK/out")" "$passages_expected" "every passage is in the index"

echo "atomic: seed $SEED; report built alone in ${one_ms} ms; corpus of $((copies + 1)) reports; kills aimed within ${full_ms} ms of a whole build's start, ${update_ms} ms of an update's"
echo "atomic: $kills kills survived: $full_kills of whole builds (reading the corpus: $early, writing the new build: $writing, after the swap: $swapped), $((kills - full_kills)) of updates in place (left the old version: $stayed_old, the new: $became_new); $finished builds ended before their kill; $full builds left to finish"
echo "atomic: $searches searches during the kills, $search_failures failed; $(($(now_ms) - started)) ms in all"
finish
