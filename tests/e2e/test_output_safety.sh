# Output safety: control characters and terminal escape sequences in the
# corpus (ESC [31m, OSC, BEL, CR, BS, DEL, C1 controls) never reach the
# terminal raw, in any format of any command, on stdout or stderr; and the
# JSON output is valid for every passage of the real corpus and every query
# of a set, read with jq.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rel_lib.sh"

# raw_controls FILE: how many raw control characters FILE holds: C0 but
# newline and tab, DEL, and C1 (U+0080..U+009F, bytes C2 80..C2 9F).
raw_controls() {
  local c0 c1
  c0=$(LC_ALL=C tr -d '\n\t' <"$1" | LC_ALL=C tr -cd '\000-\037\177' | wc -c)
  c1=$(LC_ALL=C grep -o $'\xc2[\x80-\x9f]' "$1" | wc -l)
  echo $((c0 + c1))
}

# safe DESC: neither the last stdout nor the last stderr holds a raw
# control character, and both are valid UTF-8.
safe() {
  expect_eq "$(raw_controls "$WORK/out")" 0 "$1: raw control characters on stdout: $(LC_ALL=C cat -v "$WORK/out" | grep -m 2 '\^\[\|\^G\|\^M\|M-BM-' | head -c 300)"
  expect_eq "$(raw_controls "$WORK/err")" 0 "$1: raw control characters on stderr: $(LC_ALL=C cat -v "$WORK/err" | head -c 300)"
  iconv -f UTF-8 -t UTF-8 "$WORK/out" >/dev/null 2>&1 && ok || not_ok "$1: stdout is not valid UTF-8"
  iconv -f UTF-8 -t UTF-8 "$WORK/err" >/dev/null 2>&1 && ok || not_ok "$1: stderr is not valid UTF-8"
}

ESC=$'\033' BEL=$'\a' CR=$'\r' BS=$'\b' DEL=$'\177' CSI1=$'\xc2\x9b' NEL=$'\xc2\x85'

# ---- a corpus full of control characters ------------------------------------
corpus=$WORK/evil
mkdir -p "$corpus/evil"
cp "$SOURCE_DIR/tests/data/mini/synonyms.tsv" "$corpus/"
{
  cat "$SOURCE_DIR/tests/data/mini/agencies.tsv"
  printf 'agency\tEvil %s[31mAgency%s\tUS\t\tEvil Agency|Bureau of Mischief\n' "$ESC" "$BEL"
} >"$corpus/agencies.tsv"
cat >"$corpus/evil/report.md" <<EOF
---
id: evil
title: Evil ${ESC}[31mTitle${BEL} of Escapes
authors: Ada ${ESC}]0;pwned${BEL}Writer; Bo ${CSI1}2J Editor
publisher: Test ${ESC}[5m Press
date: 2021-03
---

<!-- brief: id=intro -->
# Intro ${ESC}[2J heading${BEL}

Red ${ESC}[31malert${ESC}[0m text with a bell${BEL} and a carriage${CR}return and a
C1 ${CSI1}31m csi and ${NEL} nel and del${DEL} here. The special measures agreement
is ${ESC}[1A${ESC}[2K rewritten and overwritten${BS}${BS}${BS} by the Bureau of Mischief.

- An item with a ${ESC}]8;;http://evil.example${ESC}\\hyperlink${ESC}]8;;${ESC}\\ and a
  title ${ESC}]0;owned${BEL} change.

Second paragraph on the State Department ${ESC}[6n asks the terminal.

## Next ${CSI1}1m section

A quiet paragraph after the noisy ones, about alert levels.
EOF
idx=$WORK/index
run index --corpus "$corpus" --index "$idx"
expect_status 0 "indexing the corpus of control characters"
safe "brief index"

# Every command and format that prints corpus text.
run search --index "$idx" bell
expect_status 0 "search, text"
safe "search, text"
expect_out '\\x1b\[31malert' "search, text: ESC is shown as \\x1b"
run search --index "$idx" bell --facets --agency "Evil Agency"
safe "search, text, facets and an agency with ESC in its name"
run search --index "$idx" bell --format markdown
expect_status 0 "search, markdown"
safe "search, markdown"
run search --index "$idx" "special measures" --format markdown --limit 20
safe "search, markdown, the citation"
run search --index "$idx" --kind list-item
safe "search by filter"
run search --index "$idx" bell alert --color always
sed -e 's/\x1b\[[0-9;]*m//g' "$WORK/out" >"$WORK/out.stripped"
expect_eq "$(grep -c $'\033' "$WORK/out.stripped")" 0 "search, --color always: no ESC but brief's own colours"
expect_eq "$(grep -c $'\033\[31malert' "$WORK/out")" 0 "search, --color always: the corpus's ESC[31m is not passed on"
ids=$("$BRIEF" passages --index "$idx" --format jsonl | jq -r '.id')
[ "$(wc -w <<<"$ids")" -ge 5 ] && ok || not_ok "the corpus of control characters has $(wc -w <<<"$ids") passages"
for id in $ids; do
  run show --index "$idx" "$id"
  expect_status 0 "show $id"
  safe "show $id (with its neighbours)"
done
for style in markdown plain chicago pandoc; do
  run quote --index "$idx" --style "$style" evil:intro.1 evil:intro.2
  expect_status 0 "quote --style $style"
  safe "quote --style $style"
done
run passages --index "$idx"
expect_status 0 "passages, text"
safe "passages, text"
run verify --index "$idx" "Red alert text with a bell"
safe "verify"
run verify --index "$idx" "Red alert text with a whistle"
safe "verify, not exact"
printf '> Red alert text with a bell\n\nThey say "Red alert text with a whistle" here.\n' >"$WORK/draft.md"
run check --index "$idx" "$WORK/draft.md"
safe "check, a draft"
for format in bibtex ris; do
  run cite --index "$idx" --format "$format"
  expect_status 0 "cite --format $format"
  safe "cite --format $format"
done
# What the user types comes back in notices: a query with escapes.
run search --index "$idx" "alret ${ESC}[31mlevels"
safe "a query with ESC (did you mean)"
run search --index "$idx" "${ESC}]0;x${BEL}"
safe "a query of escapes only"
# Error messages that quote the corpus.
mkdir -p "$WORK/evil2/r"
printf -- '---\nid: e2\ntitle: T\n---\n\n<!-- brief: kind=%s[31mred%s -->\n# H\n\nText.\n' "$ESC" "$BEL" \
  >"$WORK/evil2/r/report.md"
run index --corpus "$WORK/evil2" --index "$WORK/index2"
expect_status 2 "a directive with ESC in it"
safe "the error about a directive with ESC in it"
expect_eq "$(wc -l <"$WORK/err")" 1 "the error is one line"

# JSON keeps the exact text, escaped.
for format in json jsonl; do
  run search --index "$idx" bell --format "$format"
  safe "search --format $format"
  jq -e . "$WORK/out" >/dev/null 2>&1 && ok || not_ok "search --format $format: invalid JSON"
done
run passages --index "$idx" --format json
safe "passages --format json"
expect_eq "$(jqo '[.[] | select(.text | contains("\u001b[31malert"))] | length')" 1 \
  "passages --format json: the text keeps ESC, escaped as \\u001b"
expect_eq "$(jqo '[.[] | select(.citation | contains("\u001b[31mTitle\u0007"))] | length > 0')" true \
  "passages --format json: the citation keeps the title's escapes, escaped"
run show --index "$idx" evil:intro.1 --format json
safe "show --format json"
expect_eq "$(jqo '.text | test("\u0007")')" true "show --format json: BEL escaped as \\u0007"

# ---- valid JSON for every passage of the real corpus, every query of a set ----
run passages --index "$INDEX" --format json
expect_status 0 "passages --format json (real corpus)"
count=$(jqo 'length')
case $count in '' | *[!0-9]*) count=0 ;; esac
[ "$count" -gt 100 ] && ok || not_ok "passages --format json: $count passages"
expect_eq "$(jqo '[.[] | select((.id | type) == "string" and (.text | type) == "string" and (.citation | type) == "string")] | length')" \
  "$count" "every passage has a string id, text and citation"
run passages --index "$INDEX" --format jsonl
expect_eq "$(wc -l <"$WORK/out")" "$count" "passages --format jsonl: one line a passage"
lines=$(wc -l <"$WORK/out")
bad_lines=0
jq -e -s --argjson n "$lines" 'length == $n and all(.[]; type == "object" and has("id") and has("text"))' \
  "$WORK/out" >/dev/null 2>&1 || bad_lines=1
expect_eq "$bad_lines" 0 "passages --format jsonl: every line is a JSON object"
safe "passages --format jsonl (real corpus)"
json_ids=$("$BRIEF" passages --index "$INDEX" --format json | jq -r '.[].id' | sort)
jsonl_ids=$(jq -r '.id' "$WORK/out" | sort)
expect_eq "$jsonl_ids" "$json_ids" "json and jsonl list the same passages"

queries=(
  "burden sharing" '"special measures agreement"' "trade OR investment" "trade NOT china"
  "trade -china" "+trade" "sanction*" "korea NEAR sanctions" "korea NEAR/5 sanctions"
  "(cyber OR space) AND norms" "pillar:4" 'agency:"State Department"' "actor:Seoul"
  "kind:bullet" 'section:"Pillar 4"' "report:usrok2020" "vis a vis" "U.S." "ROK" "SMA"
  "burdensharing" "cybersecurity" "cyber security" "Korea’s" "“special measures”"
  "sanctoins" "zzzzqqqq" "alliance alliance alliance" "5G" "COVID-19" "2020"
  "the" "a b c d e f g" "négociations" "日本" "emoji 🙂" "NOT trade" "trade AND"
  "pillar:9" "kind:nothing"
)
# Two option sets; one in a sanitizer build, where each run is slower.
option_sets=("" "--facets --sort report --offset 2 --limit 5")
[ "$SANITIZED" = 1 ] && option_sets=("--facets --sort report --limit 5")
json_ok=0 json_bad=0
for q in "${queries[@]}"; do
  for extra in "${option_sets[@]}"; do
    # shellcheck disable=SC2086
    "$BRIEF" search --index "$INDEX" --format json $extra -- "$q" >"$WORK/out" 2>"$WORK/err"
    st=$?
    if [ "$st" -eq 2 ]; then
      # An error: one line on stderr, nothing on stdout (no broken JSON).
      if [ ! -s "$WORK/out" ] && [ "$(wc -l <"$WORK/err")" -eq 1 ]; then
        json_ok=$((json_ok + 1))
      else
        json_bad=$((json_bad + 1)); echo "FAIL: '$q' $extra: error with output" >&2
      fi
    elif jq -e '(.results | type) == "array" and (.total | type) == "number" and (.query | type) == "string"' \
         "$WORK/out" >/dev/null 2>&1; then
      json_ok=$((json_ok + 1))
    else
      json_bad=$((json_bad + 1)); echo "FAIL: '$q' $extra: invalid JSON (exit $st)" >&2
    fi
    # shellcheck disable=SC2086
    "$BRIEF" search --index "$INDEX" --format jsonl $extra -- "$q" >"$WORK/out" 2>"$WORK/err"
    st=$?
    lines=$(wc -l <"$WORK/out")
    lines_bad=0
    jq -e -s --argjson n "$lines" 'length == $n and all(.[]; has("id") and has("rank") and has("snippet"))' \
      "$WORK/out" >/dev/null 2>&1 || lines_bad=1
    if [ "$lines_bad" -eq 0 ] && [ "$st" -le 2 ]; then json_ok=$((json_ok + 1)); else
      json_bad=$((json_bad + 1)); echo "FAIL: '$q' $extra: bad jsonl (exit $st)" >&2
    fi
  done
done
failed=$((failed + json_bad))
passed=$((passed + json_ok))
# The query goes back into the JSON as typed, escapes and all.
run search --index "$INDEX" --format json "trade ${ESC}[31m${BEL}"
jq -e . "$WORK/out" >/dev/null 2>&1 && ok || not_ok "a query with ESC and BEL: invalid JSON"
expect_eq "$(jqo '.query')" "trade ${ESC}[31m${BEL}" "the query is kept exactly in the JSON"

echo "output safety: ${#queries[@]} queries x ${#option_sets[@]} option sets x 2 formats: $json_ok valid, $json_bad invalid; $count passages of the real corpus as JSON and JSONL"
finish
