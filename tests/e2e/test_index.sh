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

# Indexing again replaces the index; searches keep working.
run index --corpus "$SOURCE_DIR/corpus" --index "$INDEX" --quiet
expect_status 0 "re-index"
expect_eq "$out" "" "--quiet prints nothing"
expect_eq "$(ls -d "$INDEX"/gen-* | wc -l)" "2" "the new build and the previous one are kept"
finish
