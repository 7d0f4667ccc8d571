# Helpers shared by the reliability tests (test_atomic.sh,
# test_concurrency.sh, test_bad_input.sh, test_output_safety.sh).  Sourced
# after lib.sh.  Not a test itself: the glob only takes test_*.sh.

QUERY_KNOWN="special measures agreement"

# now_ms: wall-clock milliseconds (bash 5's EPOCHREALTIME, no fork).
now_ms() {
  local t=${EPOCHREALTIME/./}
  echo $((10#$t / 1000))
}

# ms_to_s MS: "1.234", for sleep.
ms_to_s() {
  printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000))
}

# make_corpus DIR COPIES: the real corpus, plus COPIES copies of its report
# under other ids (copy1, copy2, ...), so a build takes longer and kills
# land in the middle of it.
make_corpus() {
  local dir=$1 copies=$2 i
  mkdir -p "$dir"
  cp "$SOURCE_DIR"/corpus/*.tsv "$dir"/
  cp -r "$SOURCE_DIR/corpus/usrok2020" "$dir"/
  for ((i = 1; i <= copies; i++)); do
    mkdir -p "$dir/copy$i"
    sed "0,/^id: .*/s//id: copy$i/" "$SOURCE_DIR/corpus/usrok2020/report.md" \
      >"$dir/copy$i/report.md"
  done
}

# top_id INDEX [ERRFILE]: the id of the best passage for the known query,
# or "<exit N>" / "<no id>" when the search fails (its stderr goes to
# ERRFILE).
top_id() {
  local out rc err=${2:-/dev/null}
  out=$("$BRIEF" search --index "$1" "$QUERY_KNOWN" --format json --limit 1 2>"$err")
  rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "<exit $rc>"
    return
  fi
  # The first "id" of the JSON is the first result's (read without jq: it
  # is called hundreds of times; test_output_safety.sh checks the JSON).
  if [[ $out =~ \"id\":\ \"([^\"]*)\" ]]; then
    echo "${BASH_REMATCH[1]}"
  else
    echo "<no id>"
  fi
}

# A sanitizer build: slower, so the background loops run less often.
SANITIZED=0
ldd "$BRIEF" 2>/dev/null | grep -q 'libasan\|libubsan' && SANITIZED=1

# The passage id after "report:" (the same in every copy of the report).
short_id() { echo "${1#*:}"; }

# gen_count INDEX: how many gen-* builds the index folder holds.
gen_count() {
  local n=0 g
  for g in "$1"/gen-*; do
    [ -e "$g" ] && n=$((n + 1))
  done
  echo "$n"
}

# current_gen INDEX: the build that `current` names.
current_gen() {
  local line
  line=$(head -n 1 "$1/current" 2>/dev/null) || true
  echo "${line#glass }"
}

# Full builds: with --rebuild where brief updates an index in place by
# default (then a plain `brief index` of a changed corpus updates it).
REBUILD=()
"$BRIEF" index --help 2>/dev/null | grep -q -- '--rebuild' && REBUILD=(--rebuild)

# set_variant CORPUS WORD: the variant report of CORPUS (copy1, or the real
# report when there are no copies) with WORD added to two of its passages,
# its first and its last; the rest of the corpus as it was.  Toggling WORD
# between builds gives an update something to do.
set_variant() {
  local dir=$1 word=$2 target=$1/copy1 id=copy1
  if [ ! -d "$target" ]; then
    target=$1/usrok2020
    id=usrok2020
  fi
  sed -e "0,/^id: .*/s//id: $id/" \
      -e "s/^by Ambassador Mark Lippert (Ret.)\$/& $word/" \
      -e "s/^Pacific as a whole\\.\$/Pacific as a whole $word./" \
      "$SOURCE_DIR/corpus/usrok2020/report.md" >"$target/report.md.tmp"
  mv "$target/report.md.tmp" "$target/report.md"
}

# variant_state INDEX: "alpha", "beta", or what else the index holds of the
# two variant words ("alpha=1 beta=1", "<exit 2>" ...).
variant_state() {
  local out rc a b
  out=$("$BRIEF" search --index "$1" "plughalpha OR plughbeta" --format json --limit 10 2>"${2:-/dev/null}")
  rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "<exit $rc>"
    return
  fi
  read -r a b < <(jq -r '[.results[] | .text] |
    "\(map(select(contains("plughalpha"))) | length) \(map(select(contains("plughbeta"))) | length)"' \
    <<<"$out" 2>/dev/null)
  if [ "$a" = 2 ] && [ "$b" = 0 ]; then echo alpha
  elif [ "$a" = 0 ] && [ "$b" = 2 ]; then echo beta
  else echo "alpha=$a beta=$b"; fi
}
