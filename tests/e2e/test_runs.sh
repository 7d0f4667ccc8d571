# A full build writes each shard in parts of BRIEF_INDEX_RUN_BYTES of
# passage text and merges them at the end (indexer.c, RUN_BYTES).  Built in
# many small parts, the index is the one a build in one part makes: the same
# passages, searches, facets and citations, over one shard or two; no part
# is left behind; and it takes an update in place like any other.
. "$(dirname "$0")/lib.sh"

corpus=$WORK/corpus
two_reports "$corpus"

# whole: the default (the corpus is far smaller than one part); parts: a
# part every 10 kB of text (the corpus has about 130 kB: a dozen parts).
run index --corpus "$corpus" --index "$WORK/whole" --quiet
expect_status 0 "a build in one part"
BRIEF_INDEX_RUN_BYTES=10000 run index --corpus "$corpus" --index "$WORK/parts"
expect_status 0 "a build in parts of 10 kB"
expect_out "^indexed 2 reports, " "the summary of a build in parts"
parts=$(sed -n 's/^  written: .*, in \([0-9]*\) parts merged$/\1/p' "$WORK/out")
[ "${parts:-0}" -ge 10 ] && ok || not_ok "the summary says a dozen parts: $(grep written "$WORK/out")"
expect_eq "$(find "$WORK/parts" -name '*.run-*' | wc -l)" "0" "no part is left behind"

# same QUERY ARGS...: the search's JSON (ranks, weights, snippets, facets,
# citations) is the same over both indexes.
same() {
  local what=$1
  shift
  expect_eq "$("$BRIEF" search --index "$WORK/parts" --format json "$@" | md5sum)" \
            "$("$BRIEF" search --index "$WORK/whole" --format json "$@" | md5sum)" \
            "the same search over the parts merged: $what"
}
expect_eq "$("$BRIEF" passages --index "$WORK/parts" --format json | md5sum)" \
          "$("$BRIEF" passages --index "$WORK/whole" --format json | md5sum)" \
          "the same passages over the parts merged"
same "one word" alliance --limit 50
same "words, facets" burden sharing --facets --limit 20
same "a phrase" '"special measures agreement"'
same "a filter" deterrence --report second --pillar 2
same "a spelling correction" alliacne

# Two shards, each written in parts.
run index --corpus "$corpus" --index "$WORK/whole2" --shards 2 --quiet
BRIEF_INDEX_RUN_BYTES=10000 run index --corpus "$corpus" --index "$WORK/parts2" --shards 2 --quiet
expect_status 0 "two shards in parts"
expect_eq "$("$BRIEF" search --index "$WORK/parts2" --format json --facets alliance | md5sum)" \
          "$("$BRIEF" search --index "$WORK/whole2" --format json --facets alliance | md5sum)" \
          "the same search over two shards built in parts"

# An update in place of the merged index.
cat >>"$corpus/second/report.md" <<'EOF'

A closing paragraph added to the second report about zanzibarian quokkas.
EOF
BRIEF_INDEX_RUN_BYTES=10000 run index --corpus "$corpus" --index "$WORK/parts"
expect_status 0 "an update of the merged index"
expect_out "^  reports: +1 re-indexed, 1 unchanged, 0 removed \\(updated in place" \
  "updated in place"
run search --index "$WORK/parts" quokkas --format json
expect_eq "$(jqo '[.results[].report] | join(",")')" "second" "the new paragraph is found"
run index --corpus "$corpus" --index "$WORK/parts"
expect_out "^  reports: +0 re-indexed, 2 unchanged" "the update recorded what it indexed"

# A bad size: one line, exit 2, nothing built.
BRIEF_INDEX_RUN_BYTES=" -1" run index --corpus "$corpus" --index "$WORK/bad"
expect_status 2 "a negative BRIEF_INDEX_RUN_BYTES"
BRIEF_INDEX_RUN_BYTES=lots run index --corpus "$corpus" --index "$WORK/bad"
expect_status 2 "a bad BRIEF_INDEX_RUN_BYTES"
expect_err "^brief index: BRIEF_INDEX_RUN_BYTES=lots: not a positive number of bytes$" \
  "the bad size is named"
[ ! -e "$WORK/bad/current" ] && ok || not_ok "nothing is built with a bad size"
finish
