# brief verify as analysts quote, and brief check / verify --draft: every
# quotation of a draft, its verdict at its line and column.
. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 TERM=dumb COLUMNS=80

verdict() { # verdict QUOTATION: $got, the verdict and places on one line; $status
  printf '%s' "$1" | "$BRIEF" verify --index "$INDEX" --format json - >"$WORK/out" 2>"$WORK/err"
  status=$?
  err=$(cat "$WORK/err")
  got=$(jqo '"\(.verdict) \([.places[] | .ids | join("+")] | join(","))"')
}

# The cases of the issue, each with its verdict and exit status.
verdict "South Korea today covers approximately 40 percent of the cost of stationing American forces on its soil."; expect_eq "$got" \
  "exact usrok2020:rec-p4.1" "exact"
expect_status 0 "exact: exit 0"
verdict "Washington should eschew a maximalist approach … that, at best, could yield a Pyrrhic victory"; expect_eq "$got" \
  "exact with omissions usrok2020:rec-p4.1.1" "an ellipsis (…)"
expect_status 0 "marked omissions: exit 0"
verdict "Washington should eschew a maximalist approach... at best, could yield a Pyrrhic victory"; expect_eq "$got" \
  "exact with omissions usrok2020:rec-p4.1.1" "an ellipsis (...)"
verdict "Washington should eschew a maximalist approach . . . at best, could yield a Pyrrhic victory"; expect_eq "$got" \
  "exact with omissions usrok2020:rec-p4.1.1" "an ellipsis (. . .)"
verdict "Washington should eschew a maximalist approach [...] at best, could yield a Pyrrhic victory"; expect_eq "$got" \
  "exact with omissions usrok2020:rec-p4.1.1" "an ellipsis in brackets"
verdict "[Washington] should eschew a maximalist approach to future burden-sharing negotiations"; expect_eq "$got" \
  "exact with insertions usrok2020:rec-p4.1.1" "a bracketed word standing for itself"
verdict "[The United States] should eschew a maximalist approach to future burden-sharing negotiations"; expect_eq "$got" \
  "exact with insertions usrok2020:rec-p4.1.1" "a bracketed change"
verdict "[W]ashington should eschew a maximalist approach"; expect_eq "$got" \
  "exact with insertions usrok2020:rec-p4.1.1" "a bracketed letter"
verdict "washington should eschew a maximalist approach to future burden-sharing negotiations"; expect_eq "$got" \
  "exact usrok2020:rec-p4.1.1" "a lowercased first letter"
expect_eq "$(jqo .case_changed)" true "the case change is reported"
verdict "South Korea today covers approximately 40 percent of the cost of stationing American forces on its soil.53"; expect_eq "$got" \
  "exact usrok2020:rec-p4.1" "a footnote number glued to the words"
expect_eq "$(jqo '.footnotes | map(tostring) | join(",")')" 53 "the footnote number is named"
verdict "particularly those linked to precision-oriented special operations forces and air and naval assets. Practically speaking, close dialogue and coordination with Seoul are essential"; expect_eq "$got" \
  "exact usrok2020:pillar-4.1+usrok2020:pillar-4.2" "a quotation across two passages names each"
verdict "special operations forces and air … assets. Practically speaking … with Seoul are essential"; expect_eq "$got" \
  "exact with omissions usrok2020:pillar-4.1+usrok2020:pillar-4.2" "across two passages, with omissions"
verdict "in the alliance"; expect_eq "$got" \
  "ambiguous usrok2020:rec-p4.1.2,usrok2020:pillar-1.1,usrok2020:foreword.14" "ambiguous: every place"
expect_status 0 "ambiguous: the words stand, exit 0"
verdict "Washington must eschew a maximalist approach to future burden-sharing negotiations"; expect_eq "$got" \
  "not exact " "a changed word"
expect_status 1 "not exact: exit 1"
expect_eq "$(jqo '.nearest | [.id, .matched, .quotation_context] | map(tostring) | join("|")')" \
  "usrok2020:rec-p4.1.1|11|Washington ⟦must eschew a maximalist appro…" "the nearest passage and the departure"
verdict "Washington should eschew a maximalist approach … a Pyrrhic defeat"; expect_eq "$got" "not exact " \
  "an ellipsis does not excuse a changed word after it"
verdict "The alliance must be dissolved before the decade ends"; expect_eq "$got" "not found " "an invented quotation"
expect_status 1 "not found: exit 1"

verdict "“Washington should eschew a maximalist approach”"; expect_eq "$got" "exact usrok2020:rec-p4.1.1" \
  "a quotation pasted with its own quotation marks"
verdict "the United States"
expect_eq "$(jqo '[.verdict, (.places | length), .more_places] | map(tostring) | join(" ")')" "ambiguous 50 true" \
  "a quotation in very many passages: the first 50, and a flag that there may be more"

# Text output, and the quotation from standard input or an argument.
run verify --index "$INDEX" "in the alliance"
expect_out "^ambiguous: the quotation stands in 3 passages$" "text: ambiguous"
expect_eq "$(grep -c '^  usrok2020:' "$WORK/out")" 3 "text: three places listed"
expect_out "^  usrok2020:foreword\.14$" "text: each place on its line"
echo "Washington should eschew a maximalist approach … burden-sharing negotiations" |
  "$BRIEF" verify --index "$INDEX" >"$WORK/out" 2>"$WORK/err"
expect_eq "$?" 0 "stdin without an argument"
expect_out "^exact with omissions: the quotation stands in usrok2020:rec-p4\.1\.1$" "text: the verdict"
expect_out "^  1 omission marked" "text: the omission"
run verify --index "$INDEX" "particularly those linked to precision-oriented special operations forces and air and naval assets. Practically speaking"
expect_out "^exact: the quotation stands in usrok2020:pillar-4\.1 \+ usrok2020:pillar-4\.2 \(it runs across them\)$" "text: across passages"
printf '\xff\xfe bad' | "$BRIEF" verify --index "$INDEX" - >"$WORK/out" 2>"$WORK/err"
status=$?; err=$(cat "$WORK/err")
expect_status 2 "bad UTF-8 on stdin"
expect_err "^brief verify: \(standard input\):1:1: not UTF-8 text" "says where"
for empty in "" "   " "… […] ..."; do
  printf '%s' "$empty" | "$BRIEF" verify --index "$INDEX" >"$WORK/out" 2>"$WORK/err"
  status=$?; err=$(cat "$WORK/err")
  expect_status 2 "a quotation without words ('$empty')"
  expect_err "^brief verify: the quotation has no words$" "says so ('$empty')"
done
printf 'a\0b' | "$BRIEF" verify --index "$INDEX" - >"$WORK/out" 2>"$WORK/err"
status=$?; err=$(cat "$WORK/err")
expect_status 2 "a NUL byte on stdin"
expect_err "^brief verify: \(standard input\):1:2: not UTF-8 text without NUL bytes \(byte 2\)$" "says where"
run verify --index "$INDEX" --format xml "x"
expect_status 2 "an unknown format"
run verify --index "$INDEX" --draft "$WORK/x.md" "a quotation"
expect_status 2 "a quotation and a draft"

# Bounded: a 1 MB quotation (the report's text over and over) and 100,000
# ellipses each answer within seconds.
"$BRIEF" passages --index "$INDEX" --format jsonl | jq -r .text | tr '\n' ' ' >"$WORK/all.txt"
for i in $(seq 20); do cat "$WORK/all.txt"; done | head -c 1000000 >"$WORK/big.txt"
for i in $(seq 100000); do printf 'the alliance … '; done >"$WORK/dots.txt"
for f in big dots; do
  start=$(date +%s%N)
  "$BRIEF" verify --index "$INDEX" - <"$WORK/$f.txt" >"$WORK/out" 2>"$WORK/err"
  status=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  expect_status 1 "$f quotation: not exact, no error"
  limit=$(( 5000 * SLOW ))
  [ "$ms" -lt "$limit" ] && ok || not_ok "$f quotation took $ms ms (limit $limit)"
done

# Every passage of the report, as a block quote of a draft: quoted whole it
# is exact where it stands; with its first letter's case changed too; cut in
# the middle by an ellipsis, exact with omissions; with a word added in its
# middle, not exact.  (Pull quotes that repeat the text are left out.)
"$BRIEF" passages --index "$INDEX" --format json >"$WORK/passages.json"
variant_draft() { # variant_draft JQ-EXPRESSION-OF-.text: a draft, ids in $WORK/ids
  jq -r '.[] | select(.repeat != true and .kind != "heading") | .id' "$WORK/passages.json" >"$WORK/ids"
  jq -r ".[] | select(.repeat != true and .kind != \"heading\") |
         \"Passage \\(.id):\", \"\", \"> \" + ($1 | gsub(\"\\n\"; \" \")), \"\"" "$WORK/passages.json" >"$WORK/draft.md"
}
check_variants() { # check_variants JQ-EXPR EXPECTED-VERDICT-REGEX description [placed]
  variant_draft "$1"
  "$BRIEF" verify --index "$INDEX" --format json --draft "$WORK/draft.md" >"$WORK/out" 2>"$WORK/err"
  status=$?
  expect_eq "$(jqo '.quotations | length')" "$(wc -l <"$WORK/ids" | tr -d ' ')" "$3: one quotation a passage"
  bad=$(jq -r --rawfile ids "$WORK/ids" --arg want "$2" --arg placed "${4:-}" '
      ($ids | split("\n")) as $id | .quotations | to_entries[] |
      select((.value.verdict | test($want) | not) or
             ($placed != "" and ([.value.places[].ids[0]] | index($id[.key]) == null))) |
      "\($id[.key]): \(.value.verdict)"' "$WORK/out" | head -5)
  expect_eq "$bad" "" "$3"
}
check_variants '.text' '^(exact|ambiguous)$' "every passage quoted whole is exact where it stands" placed
check_variants '(.text | .[0:1] | ascii_downcase) + (.text | .[1:])' '^(exact|ambiguous)$' \
  "every passage with its first letter lowercased" placed
check_variants '.text | split(" ") | if length >= 8 then (.[0:(length/3|floor)] | join(" ")) + " … " + (.[(length*2/3|floor):] | join(" ")) else join(" ") + " … " end' \
  '^(exact with omissions|ambiguous)$' "every passage cut by an ellipsis" placed
check_variants '.text | split(" ") | (.[0:(length/2|floor)] | join(" ")) + " zebra " + (.[(length/2|floor):] | join(" "))' \
  '^not (exact|found)$' "every passage with a word added is not exact"
expect_status 1 "a draft with a misquotation exits 1"

# A brief with exact, elided, bracketed, misquoted and invented quotations,
# and what is not a quotation (a scare quote, code).
cat >"$WORK/brief.md" <<'MD'
---
title: The cost of the alliance
---

# The cost of the alliance

The report finds that “South Korea today covers approximately 40 percent of the cost of
stationing American forces on its soil.” It warns that Washington "should eschew a
maximalist approach to future burden-sharing negotiations," and that such a victory
would come "at the cost of introducing additional friction into America’s alliance."

The authors urge Washington to “[m]ove away from a maximalist position … (SMA) talks”
and say that “[t]he executive branch also should avoid purely budget-driven changes.”

> Washington should eschew a maximalist approach to future burden-sharing negotiations
> that, at best, could yield a Pyrrhic victory for the United States.
>
> — Lee, Fitt, and Goldberg [@lee2020renew, sec. rec‑p4.1.1]

Seoul, the authors say, "covers roughly half of the cost of stationing American forces."
They also write that "the alliance must be dissolved before the decade ends."

A scare quote like “upside-down pyramid” is not checked, nor `"code that looks like a quote"`.

```
"a fenced quotation is code, not a quotation to check"
```

> Practically speaking, close dialogue and coordination with Seoul are essential
MD
run check --index "$INDEX" "$WORK/brief.md"
expect_status 1 "check: a misquotation makes exit 1"
F="$WORK/brief.md"
expect_eq "$out" "$F:7:23: exact: usrok2020:rec-p4.1
$F:8:67: exact: usrok2020:rec-p4.1.1
$F:10:12: exact: usrok2020:rec-p4.1.1
$F:12:32: exact with omissions and insertions: usrok2020:rec-p4.1
$F:13:14: exact with insertions: usrok2020:rec-p4.1.2
$F:15:3: exact: usrok2020:rec-p4.1.1
$F:20:25: not exact: nearest usrok2020:rec-p4.1, departs after 7 of 62 characters
$F:21:22: not found
$F:29:3: exact: usrok2020:pillar-4.2" "check: every quotation, its place and verdict"
run verify --index "$INDEX" --draft "$WORK/brief.md" --format json
expect_eq "$(jqo '[.quotations[] | "\(.line):\(.column) \(.block) \(.verdict)"] | join(";")')" \
  "7:23 false exact;8:67 false exact;10:12 false exact;12:32 false exact with omissions and insertions;13:14 false exact with insertions;15:3 true exact;20:25 false not exact;21:22 false not found;29:3 true exact" \
  "verify --draft --format json"
grep -v "covers roughly half\|must be dissolved" "$WORK/brief.md" >"$WORK/good.md"
run check --index "$INDEX" "$WORK/good.md"
expect_status 0 "check: a draft whose quotations all stand exits 0"
"$BRIEF" check --index "$INDEX" - <"$WORK/good.md" >"$WORK/out" 2>"$WORK/err"
expect_eq "$?" 0 "check: the draft from standard input"
expect_out "^\(standard input\):7:23: exact: usrok2020:rec-p4\.1$" "check: stdin is named"
run check --index "$INDEX" "$WORK/missing.md"
expect_status 2 "check: a missing draft"
expect_err "missing\.md" "check: the error names the file"
printf 'A "quotation with a bad \xff byte in it here" in a draft\n' >"$WORK/bad.md"
run check --index "$INDEX" "$WORK/bad.md"
expect_status 2 "check: a draft that is not UTF-8"
expect_err "bad\.md:1:25: not UTF-8 text" "check: says where"

finish
