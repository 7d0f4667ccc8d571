# The gazetteer as analysts use it, over the whole table (corpus/agencies.tsv):
# every name of every entry (canonical, aliases as the report writes them,
# typed names such as DoD or Pentagon), as written and as "the NAME" in lower
# case, with --agency/--actor and as agency:/actor: in the query, finds
# exactly the passages of its entry; every entry finds some passage of the
# bundled report; and every value a filter accepts is a facet value with the
# same count, and a completion.
. "$(dirname "$0")/lib.sh"

INDEX=${INDEX:?INDEX must name the e2e index}
export LC_ALL=C.UTF-8
TABLE=$SOURCE_DIR/corpus/agencies.tsv

# One line per name: type TAB canonical TAB name TAB column (the canonical
# name first; column: alias or typed).
awk -F'\t' '
  /^#/ || NF == 0 || $1 == "type" { next }
  {
    print $1 "\t" $2 "\t" $2 "\talias"
    n = split($5, names, "|")
    for (i = 1; i <= n; i++)
      if (names[i] != "" && names[i] != $2) print $1 "\t" $2 "\t" names[i] "\talias"
    n = NF >= 6 ? split($6, names, "|") : 0
    for (i = 1; i <= n; i++)
      if (names[i] != "") print $1 "\t" $2 "\t" names[i] "\ttyped"
  }' "$TABLE" >"$WORK/names"
entries=$(cut -f2 "$WORK/names" | sort -u | wc -l)
[ "$entries" -ge 60 ] && ok || not_ok "the table has $entries entries, expected 60 or more"

option_of() { [ "$1" = actor ] && echo actor || echo agency; }

# found ARGS...: the ids of every passage a search finds, sorted (a filter
# finds far fewer than 500 passages of the bundled report).  Read with sed,
# not jq: this runs a thousand times.
found() {
  "$BRIEF" search --index "$INDEX" --format json --limit 500 "$@" 2>"$WORK/err" |
    sed -n 's/^      "id": *"\([^"]*\)".*/\1/p' | sort   # a result's id (6 spaces in), not its cite's
}

# ---- every entry finds passages; every name finds the same ones ---------------

checked=0
: >"$WORK/totals"   # option TAB canonical TAB passages found
while IFS=$'\t' read -r type canonical name typed; do
  option=$(option_of "$type")
  checked=$((checked + 1))
  if [ "$name" = "$canonical" ]; then
    expected=$(found --"$option" "$canonical")
    if [ -n "$expected" ]; then ok; else
      not_ok "--$option '$canonical' finds nothing: the report names every entry ($(cat "$WORK/err"))"
    fi
    printf '%s\t%s\t%s\n' "$option" "$canonical" "$(printf '%s' "$expected" | grep -c .)" \
      >>"$WORK/totals"
    continue
  fi
  expect_eq "$(found --"$option" "$name")" "$expected" \
    "--$option '$name' finds the passages of '$canonical'"
  [ "$typed" = typed ] || continue
  # Names the report does not write: in lower case after "the" too (every
  # rule of the lookup is in tests/unit/test_gazetteer.c), and in the query
  # language, the filter alone: agency:"NAME".
  lower_the="the $(printf '%s' "$name" | tr '[:upper:]' '[:lower:]')"
  expect_eq "$(found --"$option" "$lower_the")" "$expected" \
    "--$option '$lower_the' finds the passages of '$canonical'"
  expect_eq "$(found "$option:\"$name\"")" "$expected" \
    "$option:\"$name\" finds the passages of '$canonical'"
done <"$WORK/names"
[ "$checked" -ge 150 ] && ok || not_ok "only $checked names checked"

# ---- facets and completion hold every value a filter accepts ------------------

run facets --index "$INDEX" --format json --limit 0
expect_status 0 "brief facets --format json"
cp "$WORK/out" "$WORK/facets"
run complete --index "$INDEX" agencies
cp "$WORK/out" "$WORK/complete-agency"
run complete --index "$INDEX" actors
cp "$WORK/out" "$WORK/complete-actor"

while IFS=$'\t' read -r type canonical name typed; do
  option=$(option_of "$type")
  if grep -Fqx -- "$name" "$WORK/complete-$option"; then ok; else
    not_ok "brief complete: '$name' ($canonical), accepted by --$option, is not offered"
  fi
done <"$WORK/names"
jq -r '(.facets.agency[] | "agency\t\(.value)\t\(.count)"),
       (.facets.actor[] | "actor\t\(.value)\t\(.count)")' "$WORK/facets" >"$WORK/values"
# count_in FILE OPTION NAME: the third column of the line for OPTION, NAME.
count_in() {
  awk -F'\t' -v o="$2" -v v="$3" '$1 == o && $2 == v { print $3 }' "$1"
}
while IFS=$'\t' read -r option canonical total; do
  expect_eq "$(count_in "$WORK/values" "$option" "$canonical")" "$total" \
    "facet $option '$canonical' counts what --$option finds"
done <"$WORK/totals"
# Every facet value is an entry, found by the filter as often.
values=0
while IFS=$'\t' read -r option value count; do
  expect_eq "$(count_in "$WORK/totals" "$option" "$value")" "$count" "'$value', a facet value, is an entry --$option finds as often"
  values=$((values + 1))
done <"$WORK/values"
[ "$values" -ge 60 ] && ok || not_ok "only $values facet values"

# ---- names the issue found refused (issue 13) ---------------------------------

for pair in "DoD|U.S. Department of Defense" "Pentagon|U.S. Department of Defense" \
            "MOFA|ROK Ministry of Foreign Affairs" "HHS|U.S. Department of Health and Human Services" \
            "NRC|U.S. Nuclear Regulatory Commission" "USFK|U.S. Forces Korea" \
            "UN|United Nations" "USTR|Office of the U.S. Trade Representative" \
            "MSIT|ROK Ministry of Science and ICT" \
            "Ministry of Foreign Affairs and Trade|ROK Ministry of Foreign Affairs" \
            "U.S. State Department|U.S. Department of State" "Space Command|U.S. Space Command"; do
  typed=${pair%%|*} canonical=${pair#*|}
  expect_eq "$(found --agency "$typed")" "$(found --agency "$canonical")" "--agency '$typed'"
  run search --index "$INDEX" --agency "$typed" --limit 0
  expect_status 0 "--agency '$typed' finds passages"
done
run search --index "$INDEX" --format json --agency USTR
expect_eq "$(jqo '[.results[].id] | join(",")')" "usrok2020:rec-p2.caption2" \
  "the caption's U.S. trade representative is tagged"
run search --index "$INDEX" --actor government
expect_status 2 "a name two entries could bear (U.S., South Korean government) is refused"
expect_err "unknown actor 'government'" "and said so"

finish
