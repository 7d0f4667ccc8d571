# A correction never silently replaces a real word: brief retries with the
# spelling suggestion only when a typed word is neither the index's nor an
# English word (the word list, wordlist.h); otherwise it shows the typed
# query's results and offers "did you mean".  Every format carries
# corrected, suggestion and partial.
. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 COLUMNS=100 TERM=dumb
WORDS=/usr/share/dict/american-english
[ -r "$WORDS" ] || { not_ok "$WORDS missing: scripts/setup.sh installs wamerican"; finish; }
export BRIEF_WORDLIST=$WORDS

json() { run search --index "$INDEX" --format json "$@"; }

# "chains" is English: no "supply china"; the supply passage, chains missing.
json supply chains
expect_eq "$(jqo .corrected)" "null" "supply chains: not corrected"
expect_eq "$(jqo .suggestion)" "supply china" "supply chains: offered only"
expect_eq "$(jqo '.results[0] | [.id, .match, (.missing | join(","))] | join(" ")')" \
          "usrok2020:rec-p6.3 some chains" "supply chains: the supply passage, chains missing"
run search --index "$INDEX" supply chains
expect_err 'did you mean "supply china"\?' "supply chains: did you mean, on stderr"
expect_no_out "showing results for" "supply chains: no silent correction"

# "wartime" is English: operational control stays the question.
json wartime operational control
expect_eq "$(jqo .corrected)" "null" "wartime operational control: not corrected"
expect_eq "$(jqo '[.results[].missing[]] | unique | join(",")')" "wartime" \
          "wartime operational control: only wartime missing"
expect_eq "$(jqo '[.results[].id] | index("usrok2020:rec-p4.2.1") != null')" "true" \
          "wartime operational control: the OPCON transfer bullet"

# Not English, not in the index: corrected, and said so in every format.
json cybersecuirty
expect_eq "$(jqo .corrected)" "cybersecurity" "cybersecuirty: corrected"
run search --index "$INDEX" --format jsonl -n 2 cybersecuirty
expect_eq "$(printf '%s\n' "$out" | jq -s -r 'map(.corrected) | unique | join(",")')" \
          "cybersecurity" "jsonl: corrected on every line"
run search --index "$INDEX" --format markdown -n 1 cybersecuirty
expect_out '^\*Results for "cybersecurity": nothing matched "cybersecuirty"\.\*$' \
           "markdown: a note above the quotes"
run search --index "$INDEX" --format markdown -n 1 supply chains
expect_out '^\*Did you mean "supply china"\?\*$' "markdown: did you mean"
run search --index "$INDEX" --format jsonl -n 1 supply chains
expect_eq "$(printf '%s\n' "$out" | jq -r '[.suggestion, .partial, .corrected] | map(tostring) | join(" ")')" \
          "supply china true null" "jsonl: suggestion, partial, corrected"

# Without a word list nobody can say a word is not English: never replaced.
BRIEF_WORDLIST=$WORK/none json cybersecuirty
expect_eq "$(jqo '[.corrected, .suggestion] | map(tostring) | join(" ")')" \
          "null cybersecurity" "no word list: offered, not replaced"
expect_status 1 "no word list: nothing found, exit 1"

finish
