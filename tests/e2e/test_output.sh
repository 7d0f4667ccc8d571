# What brief prints: JSON, JSON Lines, Markdown, colour; passages, show,
# quote and verify over the real report.
. "$(dirname "$0")/lib.sh"

# The JSON schema the README documents.
run search --index "$INDEX" --format json --facets burden sharing
expect_status 0 "json search"
expect_eq "$(jqo 'keys | join(",")')" "corrected,facets,partial,query,results,suggestion,total,total_all" "top-level fields"
expect_eq "$(jqo '.query')" "burden sharing" "query as typed"
expect_eq "$(jqo '.results[0] | [.id, .rank, .kind, .pillar] | join(" ")')" "usrok2020:rec-p4.1.1 1 bullet 4" "first result"
for field in id rank score kind section pillar agencies actors text snippet citation; do
  expect_eq "$(jqo ".results | map(has(\"$field\")) | all")" "true" "every result has $field"
done
expect_eq "$(jqo '.results[0].text')" "Washington should eschew a maximalist approach to future burden-sharing negotiations that, at best, could yield a Pyrrhic victory for the United States, producing a small increase in annual support at the cost of introducing additional friction into America’s alliance with South Korea." "text is the whole clean passage"
expect_eq "$(jqo '.results[0].actors | join(";")')" "Washington;United States" "actors"
expect_eq "$(jqo '.results[0].citation | test("Kristine Lee, Joshua Fitt, and Coby Goldberg")')" "true" "citation names the authors"
expect_eq "$(jqo '.results[0] | .snippet[.highlights[0].start:.highlights[0].start+.highlights[0].length]')" "burden" "highlights point at a matched word"
expect_eq "$(jqo '[.results[].pillar | select(. == null)] | length > 0')" "true" "pillar null when none"
expect_eq "$(jqo '.facets | keys | join(",")')" "actor,agency,kind,pillar,report" "facet names"

# JSON Lines: one result a line, each valid JSON.
run search --index "$INDEX" --format jsonl --limit 4 trade
expect_eq "$(wc -l <"$WORK/out" | tr -d ' ')" 4 "four lines"
expect_eq "$(jq -s 'map(.rank) | join(",")' "$WORK/out")" '"1,2,3,4"' "each line a result"

# Markdown: a block quote with its citation, ready for a brief.
run search --index "$INDEX" --format markdown --limit 1 burden sharing
expect_out "^> Washington should eschew a maximalist approach" "block quote"
expect_out "^> — Kristine Lee, Joshua Fitt, and Coby Goldberg, \*Renew, Elevate, Modernize: A Blueprint for a 21st Century U.S.-ROK Alliance Strategy\*, Center for a New American Security, November 2020, sec\. “Pillar 4: Galvanize new areas of security cooperation” \[usrok2020:rec-p4.1.1\]$" "citation: the section's own title, the id without code markup"

# Colour only when asked or on a terminal, never with NO_COLOR.
run search --index "$INDEX" --color always --limit 1 burden sharing
expect_out $'\033\\[1;31mburden' "--color always highlights matches"
NO_COLOR=1 run search --index "$INDEX" --limit 1 burden sharing
expect_no_out $'\033' "NO_COLOR"

# Every passage, with its structure.
run passages --index "$INDEX" --format json
expect_eq "$(jqo 'length')" 149 "149 passages"
expect_eq "$(jqo '[.[] | select(.kind == "headline")] | length')" 22 "22 headlines"
expect_eq "$(jqo '[.[] | select(.kind == "bullet")] | length')" 39 "39 bullets"
expect_eq "$(jqo '[.[].order] | . == sort')" "true" "in report order"
expect_eq "$(jqo '.[] | select(.id == "usrok2020:pillar-2.3") | .text | test("Perhaps most importantly, the United States has long served")')" "true" "a paragraph split by a page break is one passage"
expect_eq "$(jqo '.[] | select(.id == "usrok2020:pillars.1") | .footnotes | join(",")')" "1" "footnotes kept apart from the text"
expect_eq "$(jqo '.[] | select(.id == "usrok2020:exec.1") | .text | test("introduced volatility")')" "true" "line-break hyphens undone"
run passages --index "$INDEX" --format jsonl
expect_eq "$(wc -l <"$WORK/out" | tr -d ' ')" 149 "jsonl: one passage a line"

# show: a passage with its neighbours; quote: exact text and citation.
run show --index "$INDEX" rec-p4.1.1
expect_status 0 "show by short id"
expect_out "^usrok2020:rec-p4\.1\.1  bullet · pillar 4$" "header"
expect_out "^  before: usrok2020:rec-p4\.1 " "the passage before"
expect_out "^  after:  usrok2020:rec-p4\.1\.2 " "the passage after"
run show --index "$INDEX" --json usrok2020:rec-p1.1.1
expect_eq "$(jqo '.agencies | join(";")')" "Defense Innovation Unit;ROK National IT Industry Promotion Agency" "show --json agencies"
run quote --index "$INDEX" --style chicago rec-p4.1.1
expect_out "^“Washington should eschew a maximalist approach to future burden-sharing negotiations" "quote: exact text"
expect_out "^Kristine Lee, Joshua Fitt, and Coby Goldberg, \*Renew, Elevate, Modernize: A Blueprint for a 21st Century U.S.-ROK Alliance Strategy\* \(Center for a New American Security, November 2020\), sec\. “Pillar 4: Galvanize new areas of security cooperation,” usrok2020:rec-p4\.1\.1\.$" "chicago citation: the section by its own title, the id as locator"
run show --index "$INDEX" no-such-passage
expect_status 2 "unknown id"
expect_err "^brief show: no passage 'no-such-passage' in the index$" "says so"

# verify: exact up to white space, quote style and line-break hyphens.
run verify --index "$INDEX" "South Korea today covers approximately 40 percent of the cost of stationing American forces on its soil."
expect_status 0 "an exact quotation"
expect_out "^exact: the quotation stands in usrok2020:rec-p4\.1$" "where it stands"
run verify --index "$INDEX" "South Korea today covers  approximately 40 per-
cent of the cost of stationing American forces on its soil."
expect_status 0 "white space and a line-break hyphen do not count"
run verify --index "$INDEX" "the machinations—or lack thereof—associated with a single bilateral working group"
expect_status 0 "dashes kept"
run verify --index "$INDEX" "an \"upside-down pyramid\" with a disproportionate amount of energy"
expect_status 0 "straight quotes match curly ones"
run verify --index "$INDEX" "South Korea today covers approximately 50 percent of the cost"
expect_status 1 "a changed word"
expect_out "^not exact: the nearest passage is usrok2020:rec-p4\.1$" "the nearest passage"
expect_out "quotation: …ea today covers approximately ⟦50 percent" "where the quotation departs"
expect_out "report:    …ea today covers approximately ⟦40 percent" "what the report says there"
finish
