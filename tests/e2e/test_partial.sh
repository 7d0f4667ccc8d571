# All words first, then the best of the rest: passages with every word rank
# first; a page they do not fill is filled with the best passages that have
# some of the words, each saying which it lacks.  --match all keeps strict
# matching.  Checked over every judged query of tests/relevance.
. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 COLUMNS=100 TERM=dumb

json() { run search --index "$INDEX" --format json "$@"; }

# The issue's examples: the civil nuclear bullet appears, and each query
# finds more than one passage.
json civil nuclear cooperation
expect_eq "$(jqo '[.results[].id] | index("usrok2020:rec-p1.4.2") != null')" "true" \
          "civil nuclear cooperation shows rec-p1.4.2"
expect_eq "$(jqo '.results[] | select(.id == "usrok2020:rec-p1.4.2") | .missing | join(",")')" \
          "cooperation" "rec-p1.4.2 lacks only 'cooperation'"
for q in "data localization" "public health cooperation" \
         "trilateral security dialogue Japan" "visas for skilled Korean workers"; do
  json $q
  expect_eq "$(jqo '.results | length > 1')" "true" "$q: more than one passage"
  expect_eq "$(jqo '.results[0].match')" "all" "$q: a passage with every word first"
done

# The words missing are reported as typed (case and all).
json trilateral security dialogue Japan
expect_eq "$(jqo '[.results[] | select(.match == "some") | .missing[]] | unique | map(select(. == "japan")) | length')" \
          "0" "missing words as typed, not folded"
expect_eq "$(jqo '[.results[] | select(.match == "some") | .missing[]] | unique | map(select(. == "Japan" or . == "trilateral" or . == "security" or . == "dialogue")) | length > 0')" \
          "true" "missing names words of the query"
expect_eq "$(jqo '.partial')" "true" "partial: the page has partial matches"
expect_eq "$(jqo '.total == .total_all')" "true" "total counts the passages with every word"

# --match all: strict, no partial result.
json --match all civil nuclear cooperation
expect_eq "$(jqo '[.results[].match] | unique | join(",")')" "all" "--match all: every word"
expect_eq "$(jqo '.partial')" "false" "--match all: not partial"
run search --index "$INDEX" --match most cyber
expect_status 2 "--match takes all or some"
expect_err "--match takes 'all' or 'some', not 'most'" "the error names the value"
# Strict and nothing has every word: exit 1, no results.
run search --index "$INDEX" --match all unmanned systems huawei
expect_status 1 "--match all with no passage having every word: exit 1"
# Not strict: partial results exit 0.
run search --index "$INDEX" unmanned systems huawei
expect_status 0 "partial results exit 0"

# The text view: a divider after the last all-words result, "missing:" on
# partial ones.
run search --index "$INDEX" -n 5 civil nuclear cooperation
expect_out "^── with some of the words ──$" "text: the divider"
expect_out "^   missing: cooperation$" "text: missing on a partial result"
expect_out "^1 passage has every word; showing 1-5$" "text: the count"
expect_err "1 passage has every word; then the best partial matches" "text: said on stderr"
# Markdown says so too, above the quotes and on each partial one.
run search --index "$INDEX" -n 3 --format markdown civil nuclear cooperation
expect_out "^\*Some quotes have only some of the words searched for" "markdown: a note"
expect_out "^\*\(missing: cooperation\)\*$" "markdown: missing on a partial quote"
# jsonl: each line carries the search's fields and its own match.
run search --index "$INDEX" -n 3 --format jsonl civil nuclear cooperation
expect_eq "$(printf '%s\n' "$out" | jq -s -r '[.[] | has("corrected") and has("suggestion") and has("partial") and has("match") and has("missing")] | all')" \
          "true" "jsonl: corrected, suggestion, partial, match, missing on every line"

# Facets and total count the same set: the passages with every word.
json --facets -n 10 civil nuclear cooperation
expect_eq "$(jqo '([.facets.pillar[].count] | add) == .total')" "true" \
          "--facets count the passages with every word, as total does"
run facets --index "$INDEX" --format json civil nuclear cooperation
expect_eq "$(jqo '([.facets.pillar[].count] | add)')" "1" "brief facets: the same set"

# No passage has every word: total, --facets and brief facets count the
# passages with some of them, all the same set, marked partial.
json --facets -n 0 unmanned systems huawei
some=$(jqo '.total')
expect_eq "$(jqo '[.partial, .total_all, (.total > 0), ([.facets.pillar[].count] | add) == .total] | map(tostring) | join(" ")')" \
          "true 0 true true" "none has every word: facets and total count the partial matches"
run facets --index "$INDEX" --format json unmanned systems huawei
expect_eq "$(jqo '[.partial, .total] | map(tostring) | join(" ")')" "true $some" \
          "brief facets: the same partial set"
run search --index "$INDEX" --match all --format json --facets -n 0 unmanned systems huawei
expect_eq "$(jqo '.total')" "0" "--match all: none"

# Over every judged query: all-words results come first, match and missing
# agree, and a partial result lacks at least one word.
while IFS=$'\t' read -r qid type query judged; do
  case "$qid" in \#*|"") continue ;; esac
  json -n 10 "$query"
  [ "$status" -le 1 ] || { not_ok "$qid: exit $status"; continue; }
  expect_eq "$(jqo '[.results[] | (.match == "all") == (.missing | length == 0)] | all')" \
            "true" "$qid $query: match all exactly when nothing is missing"
  expect_eq "$(jqo '[.results[].match] | . == (map(select(. == "all")) + map(select(. == "some")))')" \
            "true" "$qid $query: every-word results first"
  expect_eq "$(jqo '[.results[].rank] == [range(1; (.results | length) + 1)]')" \
            "true" "$qid $query: ranks 1.."
done < "$SOURCE_DIR/tests/relevance/queries.tsv"

# A report id with capitals (edition ids may have them): its partial hits
# lack the same words as under a lower-case id.  (The id term of a partial
# hit was once looked up lower-cased: every word seemed missing.)
mkdir -p "$WORK/upper/UpperCase"
cp "$SOURCE_DIR"/corpus/*.tsv "$WORK/upper"/
sed '0,/^id: .*/s//id: UpperCase/' "$SOURCE_DIR/corpus/usrok2020/report.md" \
  >"$WORK/upper/UpperCase/report.md"
run index --corpus "$WORK/upper" --index "$WORK/upper-index" --quiet
expect_status 0 "index a report whose id has capitals"
for q in "civil nuclear cooperation" "trilateral security dialogue Japan" "data localization"; do
  json -n 10 $q
  lower=$(jqo '[.results[] | [(.id | sub("^[^:]*:"; "")), .match, (.missing | join(","))]]')
  run search --index "$WORK/upper-index" --format json -n 10 $q
  expect_eq "$(jqo '[.results[] | [(.id | sub("^[^:]*:"; "")), .match, (.missing | join(","))]]')" \
            "$lower" "$q: the same missing words under a report id with capitals"
done

finish
