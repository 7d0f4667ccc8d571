#!/usr/bin/env bash
# same_behaviour.sh: does a refactored brief answer exactly as before?
#
#   scripts/same_behaviour.sh capture BRIEF DIR     save BRIEF's answers in DIR
#   scripts/same_behaviour.sh check DIR BRIEF       compare BRIEF with a saved DIR
#   scripts/same_behaviour.sh compare OLD NEW       capture both and compare
#
# Each binary indexes the bundled corpus itself (into a temporary folder),
# then answers, in JSON: every judged query of tests/relevance/queries.tsv
# (as typed, then with --limit 0 --match all, then --sort report), `brief
# passages`, `brief facets` and `brief search --facets` for a few queries and
# filters, and `brief show` of a few ids with their neighbours.  stdout,
# stderr and the exit status of each are compared byte for byte.
#
# FACETS=counts compares the facet JSON as (facet, value, count) only, for
# a change of the facet JSON's shape that must keep its counts.
# Exit status: 0 the same, 1 something differs (the diff is printed), 2 an
# error.
set -u
export NO_COLOR=1 TERM=dumb LANG=C.UTF-8 LC_ALL=C.UTF-8 BRIEF_NO_INDEXER_BUILD=1
unset COLUMNS LINES BRIEF_INDEX

SOURCE_DIR=$(cd "$(dirname "$0")/.." && pwd)
QUERIES=$SOURCE_DIR/tests/relevance/queries.tsv

die() { echo "same_behaviour.sh: $*" >&2; exit 2; }

# answer NAME SUBCOMMAND ARGS...: runs brief SUBCOMMAND ARGS against the
# index, keeping NAME.out, NAME.err and NAME.status.
answer() {
  local name=$1 subcommand=$2
  shift 2
  "$brief" "$subcommand" --index "$index" "$@" >"$dir/$name.out" 2>"$dir/$name.err"
  echo $? >"$dir/$name.status"
}

capture() { # capture BRIEF DIR
  brief=$1 dir=$2
  [ -x "$brief" ] || die "$brief: not an executable"
  mkdir -p "$dir" || die "$dir: cannot create"
  local tmp
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/same-behaviour.XXXXXX") || die "mktemp failed"
  index=$tmp/index
  "$brief" index --corpus "$SOURCE_DIR/corpus" --index "$index" --quiet \
    || die "$brief index failed"

  local qid type query judged n=0
  while IFS=$'\t' read -r qid type query judged; do
    case $qid in '#'* | '') continue ;; esac
    # The query words as the shell would split them (quotes kept).
    answer "search-$qid" search --format json -- "$query"
    answer "search-$qid-all" search --format json --limit 0 --match all -- "$query"
    answer "search-$qid-report" search --format json --sort report -n 5 -- "$query"
    n=$((n + 1))
  done <"$QUERIES"
  [ "$n" -gt 0 ] || die "$QUERIES: no judged query"
  echo "$n" >"$dir/judged-queries"

  answer passages passages --format json
  answer facets facets --format json
  answer facets-limit0 facets --format json --limit 0
  answer facets-burden facets --format json burden sharing
  answer facets-pillar4 facets --format json --pillar 4
  answer facets-none facets --format json --pillar none
  answer facets-agency facets --format json --agency "State Department"
  answer facets-kind facets --format json --kind recommendation cyber
  answer facets-nothing facets --format json zzzyyxx
  answer sfacets-burden search --facets --format json burden sharing
  answer sfacets-pillar search --facets --format json --pillar 1 --agency "State Department"
  answer sfacets-cyber search --facets --format json --kind recommendation cyber
  answer sfacets-partial search --facets --format json civil nuclear cooperation
  answer sfacets-jsonl search --facets --format jsonl -n 3 alliance
  answer filter-report search --format json --report usrok2020 --section "Pillar 4" trade
  answer filter-actor search --format json --actor Seoul --offset 2 -n 4 korea
  answer explain search --format json --explain "(cyber OR space) AND norms"
  answer misspelt search --format json nuclaer
  answer suggest search --format json allaince
  answer show show --format json rec-p4.1.1 usrok2020:rec-p1.1 foreword.1
  answer show-jsonl show --format jsonl --context 0 rec-p4.1.2
  answer show-missing show --format json no-such-passage
  rm -rf "$tmp"
  # The index folder's name appears in no answer; if it did, it would
  # differ from one capture to the next.
  if grep -rlq "$tmp" "$dir"; then
    die "an answer names the temporary index $tmp: cannot compare"
  fi
}

# facet_counts FILE: the facet JSON of FILE as "facet value count" lines.
facet_counts() {
  jq -r '.facets // {} | to_entries[] | .key as $f | .value[]
         | "\($f)\t\(if .value == null then "none" else .value end)\t\(.count)"' "$1"
}

check() { # check DIR BRIEF
  local saved=$1 new
  [ -f "$saved/judged-queries" ] || die "$saved: not a capture"
  new=$(mktemp -d "${TMPDIR:-/tmp}/same-behaviour-new.XXXXXX") || die "mktemp failed"
  capture "$2" "$new"
  local rc=0 f name
  if [ "${FACETS:-}" = counts ]; then
    for f in "$saved"/*facets*.out; do
      name=$(basename "$f")
      case $name in *jsonl*) continue ;; esac
      if ! diff <(facet_counts "$f") <(facet_counts "$new/$name"); then
        echo "differs: facet counts of $name"
        rc=1
      fi
    done
    diff -r -x '*facets*.out' "$saved" "$new" || rc=1
  else
    diff -r "$saved" "$new" || rc=1
  fi
  if [ "$rc" -eq 0 ]; then
    echo "same behaviour: $(ls "$new" | wc -l) files, $(cat "$new/judged-queries") judged queries"
  fi
  rm -rf "$new"
  return "$rc"
}

case ${1:-} in
  capture) [ $# -eq 3 ] || die "usage: $0 capture BRIEF DIR"; capture "$2" "$3" ;;
  check) [ $# -eq 3 ] || die "usage: $0 check DIR BRIEF"; check "$2" "$3" ;;
  compare)
    [ $# -eq 3 ] || die "usage: $0 compare OLD NEW"
    old=$(mktemp -d "${TMPDIR:-/tmp}/same-behaviour-old.XXXXXX") || die "mktemp failed"
    capture "$2" "$old"
    check "$old" "$3"
    rc=$?
    rm -rf "$old"
    exit "$rc"
    ;;
  *) die "usage: $0 capture BRIEF DIR | check DIR BRIEF | compare OLD NEW" ;;
esac
