# brief add: a report as received (the bundled received.txt, an HTML page,
# a PDF) into an empty
# corpus is searchable right after, with sections and recommendations; a
# second add of the same file leaves the edition as it was; an edition a
# person edited is kept unless --force; a folder holding only a received
# file is indexed by brief index; bad input is one line, exit 2, nothing
# written and the index untouched.
. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 COLUMNS=100 TERM=dumb

corpus=$WORK/corpus idx=$WORK/index
mkdir -p "$corpus" && cp "$SOURCE_DIR"/corpus/*.tsv "$corpus"/
received=$SOURCE_DIR/corpus/usrok2020/received.txt

run add "$received" --id usrok2020 --corpus "$corpus" --index "$idx"
expect_status 0 "add received.txt"
expect_out "^added usrok2020: .* kept as .*/usrok2020/received.txt, draft edition .*/usrok2020/report.md" "add says what it wrote"
expect_out "^indexed 1 report, [0-9]+ passages" "add indexes"
expect_eq "$(cmp -s "$received" "$corpus/usrok2020/received.txt" && echo same)" same "the file kept as received"
expect_eq "$(head -1 "$corpus/usrok2020/report.md")" "---" "the edition starts with front matter"
edition_sum=$(md5sum <"$corpus/usrok2020/report.md")

# Searchable with sections and recommendations, straight away.
run --index "$idx" search --json burden sharing
expect_status 0 "search the added report"
expect_eq "$(jqo '[.results[] | select(.kind == "bullet" and .pillar == 4)] | length > 0')" true \
  "a pillar 4 recommendation bullet is found"
expect_eq "$(jqo '[.results[] | select((.section_path | length) >= 2)] | length > 0')" true \
  "results carry a section path"
run --index "$idx" passages --json
expect_eq "$(jqo '[.[] | select(.kind == "headline")] | length')" 22 "the 22 recommendation headlines"
expect_eq "$(jqo '[.[] | select(.kind == "bullet" or .kind == "headline") | select(.pillar >= 1)] | length')" \
  "$(jqo '[.[] | select(.kind == "bullet" or .kind == "headline")] | length')" \
  "every recommendation has its pillar"

# Added again, unchanged: the edition stays byte for byte.
run add "$received" --id usrok2020 --corpus "$corpus" --index "$idx" --quiet
expect_status 0 "add again"
expect_eq "$(md5sum <"$corpus/usrok2020/report.md")" "$edition_sum" "the same edition"

# Edited by a person: kept, unless --force.
echo "A note of mine." >>"$corpus/usrok2020/report.md"
edited_sum=$(md5sum <"$corpus/usrok2020/report.md")
run add "$received" --id usrok2020 --corpus "$corpus" --index "$idx"
expect_status 2 "an edited edition is not overwritten"
expect_err "report.md: written or edited by a person .*--force" "says why and how"
expect_eq "$(md5sum <"$corpus/usrok2020/report.md")" "$edited_sum" "the edit kept"
run add "$received" --id usrok2020 --corpus "$corpus" --index "$idx" --force --quiet
expect_status 0 "--force"
expect_eq "$(md5sum <"$corpus/usrok2020/report.md")" "$edition_sum" "--force writes the edition again"

# brief index on a folder holding only a received file derives its edition.
only=$WORK/only
mkdir -p "$only/crs-one" && cp "$SOURCE_DIR"/corpus/*.tsv "$only"/
cp "$received" "$only/crs-one/received.txt"
run index --corpus "$only" --index "$WORK/only-index"
expect_status 0 "index a folder with only received.txt"
expect_out "^indexed 1 report, [0-9]+ passages" "the report is indexed, not skipped"
run --index "$WORK/only-index" show crs-one:foreword.1
expect_out "by Ambassador Mark Lippert" "its passages, under the folder's id"

# An HTML page: sections from h1-h6, the head's metadata, recommendations
# and their pillars, the page's navigation and scripts left out.
html=$SOURCE_DIR/tests/data/html/energy-brief.html
run add "$html" --corpus "$WORK/web" --index "$WORK/web-index"
expect_status 0 "add an HTML report"
expect_eq "$(cmp -s "$html" "$WORK/web/energy-brief/received.html" && echo same)" same \
  "the page kept as received.html, under an id made of its name"
run --index "$WORK/web-index" passages --json
expect_eq "$(jqo '[.[] | select(.kind == "headline") | .pillar] | map(tostring) | join(",")')" "1,2" \
  "two headlines, pillars 1 and 2"
expect_eq "$(jqo '[.[] | select(.kind == "bullet")] | length')" 3 "three bullets"
expect_eq "$(jqo '[.[] | select(.kind == "caption")] | length')" 1 "the figcaption is a caption"
expect_eq "$(jqo '[.[] | select(.kind == "bullet")][0].section')" \
  "Grid Security in the Indo-Pacific > Recommendations > Pillar 1: Share threat information > Create a regional grid threat exchange." \
  "a bullet's section path"
expect_eq "$(jqo '[.[] | select(.text | test("tracking|Home|rights reserved"))] | length')" 0 \
  "no navigation, script or footer text"
run --index "$WORK/web-index" show energy-brief:summary.1 --json
expect_eq "$(jqo '.footnotes | tostring')" "[1]" "the <sup> footnote kept with its passage"
expect_eq "$(head -6 "$WORK/web/energy-brief/report.md" | tail -4 | tr '\n' '|')" \
  "title: Grid Security in the Indo-Pacific: Options for Allied Cooperation|authors: Ana Ruiz; Min-jun Park|publisher: Example Institute for Policy Studies|date: 2024-03-15|" \
  "the head's metadata"

# A PDF (two columns, running headers, page numbers, footnotes): every
# passage keeps its page, shown by search and show, in JSON and citations.
pdf=$SOURCE_DIR/tests/data/pdf/usrok2020.pdf
run add "$pdf" --id usrok2020 --corpus "$WORK/pdf" --index "$WORK/pdf-index"
expect_status 0 "add a PDF"
expect_eq "$(cmp -s "$pdf" "$WORK/pdf/usrok2020/received.pdf" && echo same)" same "kept as received.pdf"
run --index "$WORK/pdf-index" passages --json
expect_eq "$(jqo '[.[] | select(.kind != "heading" and (.page // 0) < 1)] | length')" 0 \
  "every passage has its page"
expect_eq "$(jqo '[.[] | .page // empty] | max >= 10')" true "pages run to the end of the report"
expect_eq "$(jqo '[.[] | select(.kind == "headline")] | length')" 22 "the PDF's 22 recommendation headlines"
expect_eq "$(jqo '[.[] | select(.kind == "bullet")] | length')" 39 "the PDF's 39 recommendation bullets"
expect_eq "$(jqo '[.[] | select(.kind == "bullet" or .kind == "headline") | select((.pillar // 0) < 1)] | length')" \
  0 "every recommendation of the PDF has its pillar"
expect_eq "$(jqo '[.[] | select(.text | test("ASIA-PACIFIC SECURITY|of the report[.]"))] | length')" 0 \
  "no running header, no footnote text"
run --index "$WORK/pdf-index" search -n 1 burden sharing maximalist
expect_out "^1\. usrok2020:[^ ]+  bullet · pillar 4 · p\. [0-9]+" "search shows the page"
run --index "$WORK/pdf-index" search -n 1 --json burden sharing maximalist
page=$(jqo '.results[0].page')
expect_out "\"citation\": \".*, p\. $page \[usrok2020:" "the citation names the page"
run --index "$WORK/pdf-index" quote --style chicago "$(jqo '.results[0].id')"
expect_out ", $page\.\$" "a Chicago note ends with the page"

# Markdown: an edition already when it has front matter; otherwise the
# front matter is added, the title from its first heading.
printf '# Notes on the alliance\n\nBurden sharing talks resume in March.\n' >"$WORK/alliance-notes.md"
run add "$WORK/alliance-notes.md" --corpus "$WORK/md" --index "$WORK/md-index"
expect_status 0 "add Markdown"
expect_eq "$(sed -n 2,3p "$WORK/md/alliance-notes/report.md" | tr '\n' '|')" \
  "id: alliance-notes|title: Notes on the alliance|" "front matter added"
run --index "$WORK/md-index" search burden sharing
expect_out "^1\. alliance-notes:" "the notes are searchable"

# --id: one report's id, letters, digits, '-' and '_', at most 64 bytes (a
# passage id is a Xapian term); nothing written otherwise.
for bad_id in "a b" "x/y" "" "$(printf 'r%.0s' $(seq 65))"; do
  run add "$WORK/alliance-notes.md" --id "$bad_id" --corpus "$WORK/bad-id" --index "$WORK/bad-id-index"
  expect_status 2 "--id '$bad_id'"
  expect_err "^brief add: --id '.*': letters, digits, '-' and '_' only, at most 64$" "--id '$bad_id': says why"
  [ ! -e "$WORK/bad-id" ] && ok || not_ok "--id '$bad_id': nothing written"
done
run add "$WORK/alliance-notes.md" --id "$(printf 'r%.0s' $(seq 64))" --corpus "$WORK/long-id" --index "$WORK/long-id-index" --quiet
expect_status 0 "--id of 64 bytes"

# Two files named alike are two reports, never one replacing the other:
# together, refused before anything is written; one after the other, the
# second is refused unless given an id of its own (or --force).
mkdir -p "$WORK/from-a" "$WORK/from-b"
printf 'Alliance notes\n\nBurden sharing talks resume in March.\n' >"$WORK/from-a/brief.txt"
printf 'Trade notes\n\nTariff talks resume in April.\n' >"$WORK/from-b/brief.txt"
run add "$WORK/from-a/brief.txt" "$WORK/from-b/brief.txt" --corpus "$WORK/alike" --index "$WORK/alike-index"
expect_status 2 "two files that would take one id"
expect_eq "$(wc -l <"$WORK/err")" 1 "two files alike: one line"
expect_err "from-a/brief.txt and .*from-b/brief.txt would both be report 'brief'" "two files alike: names both"
[ ! -e "$WORK/alike" ] && ok || not_ok "two files alike: nothing written"
run add "$WORK/from-a/brief.txt" --corpus "$WORK/alike" --index "$WORK/alike-index" --quiet
expect_status 0 "the first of two files alike"
run add "$WORK/from-b/brief.txt" --corpus "$WORK/alike" --index "$WORK/alike-index" --quiet
expect_status 2 "the second of two files alike, later"
expect_err "brief.txt: .*alike/brief holds the report added from .*from-a/brief.txt; give --id ID" \
  "the second names the report it would replace"
expect_eq "$(cat "$WORK/alike/brief/received.txt")" "$(cat "$WORK/from-a/brief.txt")" \
  "the first report's file is kept"
printf 'More burden sharing.\n' >>"$WORK/from-a/brief.txt"
run add "$WORK/from-a/brief.txt" --corpus "$WORK/alike" --index "$WORK/alike-index" --quiet
expect_status 0 "the first file, changed, updates its report"
run add "$WORK/from-b/brief.txt" --id trade-notes --corpus "$WORK/alike" --index "$WORK/alike-index" --quiet
expect_status 0 "the second with an id of its own"
run --index "$WORK/alike-index" search -n 5 --format json talks resume
expect_eq "$(jqo '[.results[].id | split(":")[0]] | unique | join(" ")')" "brief trade-notes" \
  "both reports are searchable"
run add "$WORK/from-b/brief.txt" --force --corpus "$WORK/alike" --index "$WORK/alike-index" --quiet
expect_status 0 "--force replaces the report"
expect_eq "$(cat "$WORK/alike/brief/received.txt")" "$(cat "$WORK/from-b/brief.txt")" \
  "--force: the second file kept"

# Bad input: one line naming the file, exit 2, nothing written, the index
# untouched.
listing=$(ls -R "$corpus" "$idx")
bad() { # bad DESC FILE PATTERN
  run add "$2" --corpus "$corpus" --index "$idx"
  expect_status 2 "$1"
  expect_eq "$(wc -l <"$WORK/err")" 1 "$1: one line"
  expect_err "$3" "$1: names the file and the fault"
  expect_eq "$(ls -R "$corpus" "$idx")" "$listing" "$1: nothing written"
}
: >"$WORK/empty.txt"
bad "an empty file" "$WORK/empty.txt" "empty.txt: empty"
printf '   \n\n  \n' >"$WORK/blank.txt"
bad "a blank file" "$WORK/blank.txt" "blank.txt: empty"
printf 'text\0more\n' >"$WORK/nul.txt"
bad "binary data" "$WORK/nul.txt" "nul.txt:1:5: binary data"
printf 'caf\xe9\n' >"$WORK/latin1.txt"
bad "invalid UTF-8" "$WORK/latin1.txt" "latin1.txt:1:4: invalid UTF-8"
printf '<!DOCTYPE html>\n<html><body><nav><p>Home</p></nav><p>Sign in</p></body></html>\n' >"$WORK/page.html"
bad "HTML that is not a report" "$WORK/page.html" "page.html: HTML that is not a report"
head -c 30000 "$SOURCE_DIR/tests/data/pdf/usrok2020.pdf" >"$WORK/cut.pdf"
bad "a damaged PDF" "$WORK/cut.pdf" "cut.pdf: a damaged PDF"
bad "an encrypted PDF" "$SOURCE_DIR/tests/data/pdf/encrypted.pdf" "encrypted.pdf: an encrypted PDF"
bad "an image-only PDF" "$SOURCE_DIR/tests/data/pdf/image-only.pdf" "image-only.pdf: a PDF without text"
bad "no such file" "$WORK/missing.txt" "missing.txt"
printf 'Some notes of mine, with no heading.\n' >"$WORK/notes.md"
bad "Markdown that is no edition" "$WORK/notes.md" "notes.md:[0-9]+: text before the first heading"
run add --id 'bad id!' "$received" --corpus "$corpus" --index "$idx"
expect_status 2 "a bad --id"
expect_eq "$(ls -R "$corpus" "$idx")" "$listing" "a bad --id: nothing written"
run add --corpus "$corpus"
expect_status 2 "no file"

# A corpus of one's own, new: it starts with the bundled field tables, so
# its report names agencies and actors; a table already there stays.
fresh=$WORK/fresh
run add "$received" --id usrok2020 --corpus "$fresh" --index "$WORK/fresh.idx"
expect_status 0 "add into a new corpus"
expect_out "agencies.tsv: copied from .*agencies.tsv" "the agency table is copied"
expect_eq "$(cmp -s "$SOURCE_DIR/corpus/agencies.tsv" "$fresh/agencies.tsv" && echo same)" same \
  "the copy is the bundled table"
expect_out "^  agencies: +[1-9][0-9]* named" "the new corpus names agencies"
run --index "$WORK/fresh.idx" search -n 1 --json --agency "State Department"
expect_status 0 "an agency filter on the new corpus"
printf 'type\tcanonical\tcountry\tparent\taliases\nagency\tAcme Agency\tUS\t\tAcme\n' >"$WORK/own.tsv"
cp "$WORK/own.tsv" "$fresh/agencies.tsv"
run add "$received" --id usrok2020 --corpus "$fresh" --index "$WORK/fresh.idx"
expect_status 0 "add again with a table of one's own"
expect_no_out "agencies.tsv: copied" "a table already there is not replaced"
expect_eq "$(cmp -s "$WORK/own.tsv" "$fresh/agencies.tsv" && echo same)" same "the user's table stays"

finish
