# Builds the index of the real corpus that the other end-to-end tests
# search, and checks what `brief index` says about the report.
. "$(dirname "$0")/lib.sh"

rm -rf "$INDEX"
run index --corpus "$SOURCE_DIR/corpus" --index "$INDEX"
expect_status 0 "brief index"
expect_out "^indexed 1 report, [0-9]+ passages into " "summary line"
expect_out " headline 22 " "22 recommendation headlines"
expect_out " bullet 39 " "39 recommendation bullets"
expect_out "agencies: +[0-9]+ named .*U.S. Department of State" "agencies found"
expect_out "acronyms defined in the text" "vocabulary"
[ -f "$INDEX/current" ] && ok || not_ok "the index has a 'current' stub"

expect_out "^  reports: +1 re-indexed, 0 unchanged, 0 removed \\(a new build" "a first build is a new build"

# Indexing again with nothing changed writes nothing.
run index --corpus "$SOURCE_DIR/corpus" --index "$INDEX"
expect_status 0 "re-index"
expect_out "^  reports: +0 re-indexed, 1 unchanged, 0 removed \\(updated in place" "nothing to re-index"
expect_eq "$(ls -d "$INDEX"/gen-* | wc -l)" "1" "one generation"

# --rebuild builds a whole new generation beside the live one and swaps it
# in; the previous one is kept for searches that opened it.
run index --corpus "$SOURCE_DIR/corpus" --index "$INDEX" --quiet --rebuild
expect_status 0 "re-index --rebuild"
expect_eq "$out" "" "--quiet prints nothing"
expect_eq "$(ls -d "$INDEX"/gen-* | wc -l)" "2" "the new build and the previous one are kept"

# brief index runs in brief-indexer (the jemalloc build) when it is built
# beside brief: the same passages either way.
indexer="$(dirname "$BRIEF")/brief-indexer"
if [ -x "$indexer" ]; then
  "$indexer" --version | grep -q "indexing build, with jemalloc" && ok ||
    not_ok "brief-indexer --version names its build"
  plain="$INDEX.plain"
  rm -rf "$plain"
  BRIEF_NO_INDEXER_BUILD=1 "$BRIEF" index --corpus "$SOURCE_DIR/corpus" --index "$plain" --quiet ||
    not_ok "brief index without brief-indexer"
  expect_eq "$("$BRIEF" passages --index "$plain" --format json | md5sum)" \
            "$("$BRIEF" passages --index "$INDEX" --format json | md5sum)" \
            "the same passages with and without brief-indexer"
  expect_eq "$("$BRIEF" search --index "$plain" --format json alliance | md5sum)" \
            "$("$BRIEF" search --index "$INDEX" --format json alliance | md5sum)" \
            "the same search with and without brief-indexer"
  rm -rf "$plain"
fi
finish
