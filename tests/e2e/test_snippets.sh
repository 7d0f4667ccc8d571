# Snippets always show the match: every result whose passage holds a word
# of the query (its whole-passage snippet marks one) shows one in its
# snippet too, at every snippet length, over every judged query of
# tests/relevance and the words the issue found hidden.
. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 COLUMNS=100 TERM=dumb

# marks QUERY SNIPPET: "id count" per result, count = highlights shown.
marks() {
  "$BRIEF" search --index "$INDEX" --format json -n 10 --snippet "$2" -- "$1" |
    jq -r '.results[] | "\(.id) \(.highlights | length)"'
}

check_query() {
  local query=$1 whole size id n hidden
  whole=$(marks "$query" 0)
  for size in 240 60; do
    hidden=$(join <(printf '%s\n' "$whole" | awk '$2 > 0' | sort) \
                  <(marks "$query" "$size" | sort) | awk '$3 == 0 { print $1 }')
    if [ -n "$hidden" ]; then
      not_ok "'$query' --snippet $size hides the match in: $(echo $hidden)"
    else
      ok
    fi
  done
}

while IFS=$'\t' read -r qid type query judged; do
  case "$qid" in \#*|"") continue ;; esac
  check_query "$query"
done < "$SOURCE_DIR/tests/relevance/queries.tsv"
for q in "burden sharing" huawei cyberspace climate trajectory cyber renewable \
         "civil nuclear cooperation" "supply chains" alliance Korea; do
  check_query "$q"
done

# The window holds the most distinct query words: the burden-sharing talks
# in pillar-6.1 (a long paragraph) show both words.
run search --index "$INDEX" --format json -n 20 burden sharing
expect_eq "$(jqo '.results[] | select(.id == "usrok2020:pillar-6.1") | .snippet | test("burden-sharing")')" \
          "true" "pillar-6.1's snippet shows burden-sharing"

finish
