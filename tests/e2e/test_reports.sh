# Many reports, re-indexed incrementally: a corpus of two reports (the real
# one and a copy under another id), one changed, one removed.  Only what
# changed is re-indexed; --report filters and facets, and citations name
# the right report.
. "$(dirname "$0")/lib.sh"

corpus=$WORK/corpus
idx=$WORK/index
two_reports "$corpus"

run index --corpus "$corpus" --index "$idx"
expect_status 0 "first build of two reports"
expect_out "^indexed 2 reports, " "two reports"
expect_out "^  reports: +2 re-indexed, 0 unchanged, 0 removed \\(a new build" "both indexed"
run passages --index "$idx" --format jsonl
passages_one=$(jq -r 'select(.report == "usrok2020") | .id' "$WORK/out" | grep -c .)
[ "$passages_one" -gt 100 ] && ok || not_ok "passages of the first report: $passages_one"

# Each report has its own metadata key, which citations read.
report_key() { xapian-metadata get "$(ls -d "$idx"/gen-*/meta)" "brief:report:$1"; }
expect_eq "$(report_key second | sed -n 2p | cut -d$'\x1f' -f1,2)" \
  "second"$'\x1f'"A Second Report on the Alliance" "the second report's own key"
expect_eq "$(report_key usrok2020 | sed -n 2p | cut -d$'\x1f' -f1)" "usrok2020" "the first report's own key"

# The same words in both: --report picks one, facets count both.
run search --index "$idx" "special measures agreement" --report second --format json --limit 50
expect_status 0 "search --report second"
expect_eq "$(jqo '[.results[].report] | unique | join(",")')" "second" "--report second finds only the second"
expect_eq "$(jqo '[.results[].id | startswith("second:")] | all')" "true" "ids carry the report"
expect_eq "$(jqo '.results[0].citation | contains("A Second Report on the Alliance")')" "true" \
  "the citation names the second report's title"
expect_eq "$(jqo '.results[0].citation | contains("[second:")')" "true" "the citation's id is the second's"
run search --index "$idx" "special measures agreement" --report usrok2020 --format json --limit 1
expect_eq "$(jqo '.results[0].citation | contains("Renew, Elevate, Modernize")')" "true" \
  "the first report's citation names its own title"
run search --index "$idx" "special measures agreement" --facets --format json
both=$(jqo '.total')
expect_eq "$(jqo '[.facets.report[] | select(.value == "second") | .count][0]')" \
  "$(jqo '[.facets.report[] | select(.value == "usrok2020") | .count][0]')" \
  "the report facet counts both copies alike"
expect_eq "$(jqo '[.facets.report[].count] | add')" "$both" "the report facet adds up to the total"

# Nothing changed: nothing re-indexed, no new generation.
gens=$(ls -d "$idx"/gen-*)
run index --corpus "$corpus" --index "$idx"
expect_status 0 "re-index, nothing changed"
expect_out "^  reports: +0 re-indexed, 2 unchanged, 0 removed \\(updated in place" "nothing re-indexed"
expect_out "^  written: +0 passages" "no passage written"

# One report changed: only it is re-indexed, in place.
cat >>"$corpus/second/report.md" <<'EOF'

A closing paragraph added to the second report about zanzibarian quokkas.
EOF
run index --corpus "$corpus" --index "$idx"
expect_status 0 "re-index after one report changed"
expect_out "^  reports: +1 re-indexed, 1 unchanged, 0 removed \\(updated in place" \
  "the summary says 1 re-indexed, 1 unchanged"
expect_eq "$(ls -d "$idx"/gen-*)" "$gens" "the same generation, updated in place"
run search --index "$idx" quokkas --format json
expect_status 0 "the new words are found"
expect_eq "$(jqo '[.results[].report] | join(",")')" "second" "in the changed report"
expect_eq "$(jqo '.results[0].citation | contains("A Second Report on the Alliance")')" "true" \
  "cited from the changed report"
run search --index "$idx" "special measures agreement" --format json
expect_eq "$(jqo '.total')" "$both" "the unchanged passages are still there, once each"

# A spelling suggestion for the new word comes from the metadata database.
run search --index "$idx" quokas --format json
expect_eq "$(jqo '.suggestion')" "quokkas" "did you mean, for a word of the changed report"

# One report removed: its passages are gone.
rm -r "$corpus/second"
run index --corpus "$corpus" --index "$idx"
expect_status 0 "re-index after a report was removed"
expect_out "^indexed 1 report, " "one report left"
expect_out "^  reports: +0 re-indexed, 1 unchanged, 1 removed" "the summary says 1 removed"
run search --index "$idx" quokkas
expect_status 1 "the removed report's words are gone"
run search --index "$idx" "special measures agreement" --format json --facets
expect_eq "$(jqo '[.facets.report[].value] | join(",")')" "usrok2020" "only the remaining report is counted"
run search --index "$idx" "special measures agreement" --report second
expect_status 2 "the removed report is no longer a known report"
expect_eq "$(report_key second)" "" "the removed report's key is gone"
expect_eq "$(report_key usrok2020 | sed -n 2p | cut -d$'\x1f' -f1)" "usrok2020" "the remaining one's is there"
run passages --index "$idx" --format jsonl
expect_eq "$(jq -r 'select(.report == "usrok2020") | .id' "$WORK/out" | grep -c .)" \
  "$(grep -c . "$WORK/out")" "every passage left is the remaining report's"
expect_eq "$(grep -c . "$WORK/out")" "$passages_one" "and every one of them is there"

# A changed gazetteer re-tags every passage: a whole new build.
echo "# a comment line" >>"$corpus/agencies.tsv"
run index --corpus "$corpus" --index "$idx"
expect_status 0 "re-index after the gazetteer changed"
expect_out "^  reports: +1 re-indexed, 0 unchanged, 0 removed \\(a new build" "a changed gazetteer rebuilds"
finish
