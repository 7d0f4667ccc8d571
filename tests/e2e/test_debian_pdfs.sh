# brief add on real PDFs as Debian ships them (documentation manuals, made
# by others, never touched here): each imports without error, every passage
# with its page, and the entries of the PDF's own outline (its bookmarks,
# read with qpdf, a PDF library other than the poppler brief reads with)
# come out as headings, in the outline's order, each under its parent.
# scripts/setup.sh installs the packages; a missing file is a failure.
. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 COLUMNS=100 TERM=dumb

# Share of the outline that must be found; measured: all of both.
MIN_FOUND=90

pdfs=(
  "libtasn1-doc /usr/share/doc/libtasn1-doc/libtasn1.pdf"
  "shared-mime-info /usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf"
)

if ! command -v qpdf >/dev/null; then
  not_ok "qpdf is missing (scripts/setup.sh installs it): the outlines cannot be read"
  finish
  exit
fi

# The outline as entries {title, parent} in reading order, parent the title
# of the entry above (null at the top).
outline_entries() {
  qpdf --json --json-key=outlines "$1" | jq '
    def entries($parent):
      .[] | .title as $title | {title, parent: $parent}, (.kids // [] | entries($title));
    [.outlines | entries(null)]'
}

for entry in "${pdfs[@]}"; do
  package=${entry%% *} pdf=${entry#* }
  if [ ! -r "$pdf" ]; then
    not_ok "$pdf is missing: install $package (scripts/setup.sh)"
    continue
  fi
  name=$(basename "$pdf" .pdf)
  run add "$pdf" --corpus "$WORK/corpus" --index "$WORK/index"
  expect_status 0 "add $pdf"
  expect_out "^added $name: " "$name: added under the file's name"
  pages=$(qpdf --show-npages "$pdf")
  outline_entries "$pdf" >"$WORK/outline.json"
  expect_eq "$(jq 'length >= 10' "$WORK/outline.json")" true "$name: an outline to compare with"

  run --index "$WORK/index" passages --json
  jq --arg id "$name" '[.[] | select(.report == $id)]' "$WORK/out" >"$WORK/passages.json"
  body() { jq -r "[.[] | select(.kind != \"heading\")] | $1" "$WORK/passages.json"; }
  expect_eq "$(body 'length > 0')" true "$name: passages"
  expect_eq "$(body "[.[] | select((.page // 0) < 1 or .page > $pages)] | length")" 0 \
    "$name: every passage has a page of the PDF's $pages"
  expect_eq "$(body '[.[].page] | . == sort')" true "$name: pages in reading order"

  # Each outline entry, in order, matched with the first heading after the
  # one matched before whose title ends with the entry's words (letters and
  # digits compared, any case: "2.13. Nonregular files" is "2.13. Non-regular
  # files"; "ASN.1 syntax" is "2.1 ASN.1 syntax").
  found=$(jq -r --slurpfile outline "$WORK/outline.json" '
    def key: ascii_downcase | gsub("[^a-z0-9]"; "");
    [.[] | select(.kind == "heading") | {key: (.title | key), order,
                                        path: [.section_path[] | key]}] as $heads
    | reduce $outline[0][] as $e ({at: -1, found: 0, nested: 0, parents: 0};
        . as $s | ($e.title | key) as $k
        | ([$heads[] | select(.order > $s.at and ($k | length) > 0 and
                              (.key | endswith($k)))] | first) as $h
        | if $h == null then . else
            .at = $h.order | .found += 1
            | if $e.parent == null then . else
                .parents += 1
                | .nested += (if [$h.path[] | endswith($e.parent | key)] | any
                              then 1 else 0 end)
              end
          end)
    | "\(.found) \($outline[0] | length) \(.nested) \(.parents)"' "$WORK/passages.json")
  read -r got total nested parents <<<"$found"
  echo "$name: $got of $total outline entries are headings in order; $nested of $parents under their parent"
  expect_eq "$((got * 100 >= total * MIN_FOUND))" 1 \
    "$name: outline entries found as headings in order ($got of $total)"
  expect_eq "$((nested * 100 >= parents * MIN_FOUND))" 1 \
    "$name: headings under their outline parent ($nested of $parents)"
  expect_eq "$(jq '[.[].section_path | join(" > ")] | unique | length >= 10' "$WORK/passages.json")" \
    true "$name: sections"
done

finish
