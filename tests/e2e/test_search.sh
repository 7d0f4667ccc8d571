# Searching the real report: the query language, the vocabulary, spelling,
# filters and facets, exit status.  Expected results were read off the
# report (see tests/data/recommendations.tsv for the ids).
. "$(dirname "$0")/lib.sh"

# top ID QUERY...: the first result's id.
top() { run search --index "$INDEX" --format json "$@"; jqo '.results[0].id'; }
# total QUERY...: how many passages match.
total() { run search --index "$INDEX" --format json --limit 0 "$@"; jqo '.total'; }

# The foundation's promise: burden sharing finds the burden-sharing negotiations.
expect_eq "$(top burden sharing)" "usrok2020:rec-p4.1.1" "burden sharing: the SMA bullet first"
run search --index "$INDEX" burden sharing
expect_status 0 "a search that finds something exits 0"
expect_out "^1\. usrok2020:rec-p4\.1\.1  bullet · pillar 4" "text output: rank, id, kind, pillar"
expect_out "Pillar 4: Galvanize new areas of security cooperation > Move away" "text output: section path"
expect_no_out $'\033' "no colour when piped"
expect_out "passages matched; showing 1-" "text output: the count"

# Phrases, operators, wildcards, proximity, grouping.
expect_eq "$(total '"special measures agreement"')" 2 "phrase"
expect_eq "$(total '“special measures agreement”')" 2 "curly quotes make a phrase too"
expect_eq "$(total trade)" 22 "one word"
expect_eq "$(total trade china)" 4 "every word must match"
expect_eq "$(total trade -china)" 18 "-word excludes"
expect_eq "$(total trade NOT china)" 18 "NOT excludes"
expect_eq "$(total trade not china)" 1 "lowercase 'not' is a word, not NOT: one passage has all three"
# Operators only in capitals: lowercase they are words.
run search --index "$INDEX" --format json not a proxy
expect_eq "$(jqo '[.total, (.results[0].snippet | test("not a proxy"))] | map(tostring) | join(" ")')" \
          "2 true" "not a proxy: the words, not a NOT query"
run search --index "$INDEX" near term
expect_status 0 "near term: words, not NEAR"
run search --index "$INDEX" korea and
expect_status 0 "korea and: words, not a dangling AND"
run search --index "$INDEX" korea AND
expect_status 2 "korea AND: the operator needs a right side"
# A short option brief does not have is an error naming it.
run search --index "$INDEX" cyber -l 3
expect_status 2 "cyber -l 3: an unknown option"
expect_err "unknown option '-l'" "the error names it"
run search --index "$INDEX" cyber -x3
expect_status 2 "-x3: an unknown option too"
expect_eq "$(total trade -china)" 18 "a -word still excludes"

# A word finds the compounds it heads: cyber -> cybersecurity, cyberspace.
run search --index "$INDEX" --format json -n 50 cyber
expect_eq "$(jqo '[.results[].id] | map(select(. == "usrok2020:rec-p1.1.1" or . == "usrok2020:rec-p1.1.3")) | length')" \
          "2" "cyber finds the Pillar 1 cybersecurity bullets"
expect_eq "$(jqo '.total >= 16')" "true" "cyber finds as much as cyber*"
run search --index "$INDEX" '(cyber OR space) AND norms'
expect_status 0 "(cyber OR space) AND norms finds passages (README)"

# Exact forms before stem-only matches: every passage that says
# "renewable" ranks above those that only say "renewed" or "renew".
run search --index "$INDEX" --format json -n 50 renewable
expect_eq "$(jqo '[.results[] | (.text | test("[Rr]enewable"))] | . == (sort | reverse)')" \
          "true" "renewable: exact forms first"
expect_eq "$(jqo '[.results[] | select(.text | test("[Rr]enewable") | not)] | length > 0')" \
          "true" "renewable: the renewed passages still come, after"
expect_eq "$(jqo '[.results[].score] | . == (sort | reverse)')" "true" \
          "scores say the order"
expect_eq "$(total 'sanction*')" 4 "wildcard"
# A wildcard expands over the report's words to their stems: policy* also
# finds "policies"; korea -sanction* excludes them all; a prefix with a
# digit expands over the stems (2020, 2020s); no* holds the word "not",
# which must stay a word, not become an operator.
expect_eq "$(total 'policy*')" 27 "wildcard finds the words' other forms"
expect_eq "$(total 'polic*')" 27 "wildcard over policy, policies, policymakers"
expect_eq "$(total 'korea -sanction*')" 91 "-wildcard excludes"
# A -word after the words is a word even when its first letter is a short
# option's (-s is --section): the same as the query in one argument.
expect_eq "$(total korea '-sanction*')" 91 "-wildcard as its own argument"
expect_eq "$(total korea -sanctions)" "$(total 'korea -sanctions')" "-sanctions is a word, not -s anctions"
expect_eq "$(total -p2 trade)" 11 "-p2: a short option with a number attached"
expect_eq "$(total '2020*')" 4 "wildcard with a digit"
expect_eq "$(total 'no*')" 48 "wildcard over an operator's word"
expect_eq "$(total 'xyzzy*')" 0 "wildcard over no word"
expect_eq "$(total korea NEAR sanctions)" 1 "NEAR"
# A vocabulary word beside NEAR stays a single word: a group would lose
# the proximity (US NEAR/3 alliance finds fewer than US alliance).
expect_eq "$(total US NEAR/3 alliance)" 15 "NEAR beside a vocabulary word"
expect_eq "$(total US alliance)" 29 "the same words without NEAR"
expect_eq "$(total '(space OR satellite) AND launch')" 4 "parentheses"
expect_eq "$(total 'pillar:4 kind:bullet')" 7 "field prefixes"
expect_eq "$(total 'agency:"State Department"')" 2 "agency: with a quoted alias"
expect_eq "$(total 'actor:Seoul' 'kind:headline')" 9 "actor: and kind: together"

# Stemming, case, possessives, diacritics, dashes, acronyms' dots.
expect_eq "$(total sanction)" "$(total sanctions)" "sanction = sanctions"
expect_eq "$(total negotiate)" "$(total negotiations)" "negotiate = negotiations"
expect_eq "$(total Korea)" "$(total "korea’s")" "Korea = Korea’s"
expect_eq "$(total KOREA)" "$(total korea)" "case-insensitive"
expect_eq "$(total vis a vis)" 2 "vis a vis finds vis-à-vis"
expect_eq "$(total vis-à-vis)" 2 "vis-à-vis"
expect_eq "$(total U.S.)" "$(total US)" "U.S. = US"

# The field's vocabulary: variants find each other, acronyms the report
# defines are found at index time.
expect_eq "$(total ROK)" "$(total South Korea)" "ROK = South Korea"
expect_eq "$(total ROK)" "$(total Republic of Korea)" "ROK = Republic of Korea"
expect_eq "$(total DPRK)" "$(total North Korea)" "DPRK = North Korea"
expect_eq "$(total united states)" "$(total U.S.)" "United States = U.S."
expect_eq "$(top SMA)" "usrok2020:rec-p4.1" "SMA finds the Special Measures Agreement headline"
expect_eq "$(total SMA)" "$(total special measures agreement)" "SMA = Special Measures Agreement"
expect_eq "$(total NSP)" "$(total new southern policy)" "NSP = New Southern Policy"
expect_eq "$(total CPTPP)" 3 "CPTPP"
expect_eq "$(total korus fta)" 6 "KORUS FTA"
expect_eq "$(total United States-Korea Free Trade Agreement)" "$(total korus fta)" \
  "the long form finds the acronym's passages, hyphen and all"
expect_eq "$(total burdensharing)" "$(total burden-sharing)" "burdensharing = burden-sharing"
expect_eq "$(total burdensharing)" "$(total burden sharing)" "burdensharing = burden sharing"
expect_eq "$(total cyber security)" "$(total cybersecurity)" "cyber security = cybersecurity"

# Spelling: a suggestion, and the corrected results when nothing matched.
run search --index "$INDEX" --format json cybersecuirty
expect_eq "$(jqo .corrected)" "cybersecurity" "a misspelling is corrected"
expect_eq "$(jqo '.total > 0')" "true" "and the corrected query's results are shown"
run search --index "$INDEX" cybersecuirty
expect_err "nothing matched \"cybersecuirty\"; showing results for \"cybersecurity\"" "said on stderr"
run search --index "$INDEX" --format json burden sharing
expect_eq "$(jqo .suggestion)" "null" "no suggestion for words the index knows"

# No passage has every word: the best partial matches, marked.
run search --index "$INDEX" --format json unmanned systems huawei
expect_eq "$(jqo .partial)" "true" "partial"
expect_eq "$(jqo '.total > 0')" "true" "partial matches shown"
run search --index "$INDEX" unmanned systems huawei
expect_err "no passage has every word" "partial said on stderr"

# Filters: OR within one, AND across; a parent agency finds its units.
expect_eq "$(total --pillar 4 --kind recommendation)" 11 "Pillar 4: 4 headlines + 7 bullets"
expect_eq "$(total --kind bullet --pillar 1 --pillar 2)" 20 "OR within a filter"
expect_eq "$(total --agency 'state department')" 2 "--agency by alias, any case"
expect_eq "$(total --agency 'U.S. Department of State')" 2 "--agency by canonical name"
expect_eq "$(total --agency 'Defense Department')" 3 "a parent finds its units (DIU, Space Command's CSpOC, USFK)"
expect_eq "$(total --agency 'Korean Communications Commissioner')" 1 "the report's own misnomer is an alias"
expect_eq "$(total --section 'pillar 4')" 11 "--section"
run search --index "$INDEX" --format json --pillar 4 --kind recommendation --limit 20
expect_eq "$(jqo '[.results[].id] | join(" ")')" \
  "usrok2020:rec-p4.1 usrok2020:rec-p4.1.1 usrok2020:rec-p4.1.2 usrok2020:rec-p4.2 usrok2020:rec-p4.2.1 usrok2020:rec-p4.2.2 usrok2020:rec-p4.3 usrok2020:rec-p4.3.1 usrok2020:rec-p4.3.2 usrok2020:rec-p4.4 usrok2020:rec-p4.4.1" \
  "filters alone list passages in report order"
run search --index "$INDEX" --format json --sort report trade -n 3
expect_eq "$(jqo '[.results[].order] | . == sort')" "true" "--sort report"

# A pull quote repeats body text: one hit for its words, unless asked for.
run search --index "$INDEX" --format json '"landscape demands a high-performing"'
expect_eq "$(jqo '[.total, .results[0].id] | join(" ")')" "1 usrok2020:foreword.5" "the body paragraph, not its pull quote"
run search --index "$INDEX" --format json --kind pullquote '"landscape demands a high-performing"'
expect_eq "$(jqo '[.total, .results[0].kind] | join(" ")')" "1 pullquote" "the pull quote when asked for"

# Facets: exact counts over the whole match set.
run search --index "$INDEX" --format json --facets --actor Seoul --limit 1
expect_eq "$(jqo '.total')" 33 "actor Seoul"
expect_eq "$(jqo '[.facets.pillar[].count] | add')" 33 "pillar counts add up to the total"
expect_eq "$(jqo '.facets.actor[] | select(.value == "Seoul") | .count')" 33 "actor facet"
expect_eq "$(jqo '.facets.pillar[] | select(.value == 5) | .count')" 8 "pillar 5 count"
expect_eq "$(jqo '.facets.kind[] | select(.value == "headline") | .count')" 9 "kind facet"

# Limit and offset.
run search --index "$INDEX" --format json trade --limit 3 --offset 2
expect_eq "$(jqo '[.results[].rank] | join(",")')" "3,4,5" "ranks after an offset"

# Exit status: 1 for nothing, 2 for an error.
run search --index "$INDEX" zzyzxqq
expect_status 1 "nothing found"
run search --index "$INDEX" '"unbalanced'
expect_status 2 "bad query"
expect_err "^brief search: unbalanced quote: the \" at position 1 is not closed$" "one line naming the position"
run search --index "$INDEX" --agency 'Ministry of Magic'
expect_status 2 "unknown agency"
expect_err "unknown agency 'Ministry of Magic'" "says which"
run search --index "$TMPDIR/no-such-index" trade
expect_status 2 "missing index"
expect_err "no index at .*: build it with 'brief index" "says how to build it"
finish
