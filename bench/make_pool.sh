#!/usr/bin/env bash
# Builds the pool of real English paragraphs that gen_corpus draws from,
# one paragraph a line, ASCII only:
#   - the bundled report's edition (its paragraphs, as received);
#   - the King James Bible (Debian's bible-kjv-text, read with `bible`),
#     five verses a paragraph;
#   - the definitions of the GNU Collaborative International Dictionary of
#     English (Debian's dict-gcide), markup taken out.
# Usage: bench/make_pool.sh SOURCE_DIR OUT_FILE
set -euo pipefail
src=$1
out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ascii() { LC_ALL=C tr -cd '\11\12\15\40-\176'; }

# The report: blank-line separated blocks that are not headings, comments or
# front matter, joined into one line each.
awk 'NR == 1 && /^---$/ { fm = 1; next }
     fm && /^---$/ { fm = 0; next }
     fm { next }
     /^<!--/ || /^#/ { next }
     /^[[:space:]]*$/ { if (p != "") print p; p = ""; next }
     { sub(/^[-*0-9.]+ +/, ""); sub(/^ +/, ""); p = (p == "" ? $0 : p " " $0) }
     END { if (p != "") print p }' "$src/corpus/usrok2020/report.md" | ascii >"$tmp/report.txt"

# The Bible: verses without their numbers, five to a paragraph.
bible -l0 gen1:1-rev22:21 2>/dev/null | ascii |
  awk '/^ +[0-9]+ / { sub(/^ +[0-9]+ +/, ""); p = (p == "" ? $0 : p " " $0);
                      if (++n == 5) { print p; p = ""; n = 0 } }
       END { if (p != "") print p }' >"$tmp/kjv.txt"

# The dictionary: each entry's definition lines (indented), without the
# head word's pronunciation, etymology in brackets, braces and sources.
zcat /usr/share/dictd/gcide.dict.dz | ascii |
  awk '/^   / { sub(/^ +/, ""); p = (p == "" ? $0 : p " " $0); next }
       { if (p != "") print p; p = "" }
       END { if (p != "") print p }' |
  sed -e 's/\[[^]]*\]//g' -e 's/\\[^\\]*\\//g' -e 's/[{}]//g' -e 's/--[A-Z][A-Za-z.]*//g' \
      -e 's/  */ /g' -e 's/^ //' |
  awk 'NF >= 12' >"$tmp/gcide.txt"

cat "$tmp/report.txt" "$tmp/kjv.txt" "$tmp/gcide.txt" |
  sed -e 's/[#*_`<>|\\]//g' -e 's/\[//g' -e 's/\]//g' -e 's/^[^A-Za-z"(]*//' |
  awk 'NF >= 6' >"$out"
echo "pool: $(wc -l <"$out") paragraphs, $(wc -c <"$out") bytes ($(wc -l <"$tmp/report.txt") from the report, $(wc -l <"$tmp/kjv.txt") Bible, $(wc -l <"$tmp/gcide.txt") dictionary)"
