# Bad input: each is answered by one line on stderr that names the file,
# line or position, a non-zero exit, and nothing half-written (the index
# built before still answers).  Corpus files, the corpus folder, the index
# folder, queries, options.  And a report of one huge line is indexed in a
# time that grows linearly with its size.
#   BRIEF_BIG_SIZES  sizes in MB of the one-line report ("1 2 4"; "1 2" in
#                    a sanitizer build; "5 10 25 50" for the full check)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rel_lib.sh"

idx=$WORK/index
make_corpus "$WORK/good" 0
run index --corpus "$WORK/good" --index "$idx" --quiet
expect_status 0 "the good build"
expected=$(top_id "$idx")
good_gen=$(current_gen "$idx")
listing=$(ls "$idx")

# one_error DESC PATTERN: exit 2, nothing on stdout, one line on stderr
# matching PATTERN.
one_error() {
  expect_status 2 "$1"
  expect_eq "$(wc -l <"$WORK/err")" 1 "$1: one line on stderr"
  expect_err "$2" "$1: the message"
  expect_eq "$out" "" "$1: nothing on stdout"
}

# index_intact DESC: the index built before is untouched and answers.
index_intact() {
  expect_eq "$(current_gen "$idx")" "$good_gen" "$1: 'current' unchanged"
  expect_eq "$(ls "$idx")" "$listing" "$1: nothing left in the index folder"
  expect_eq "$(top_id "$idx")" "$expected" "$1: the old index still answers"
}

# bad_corpus DESC CORPUS PATTERN [RUNNER...]: brief index fails on CORPUS.
bad_corpus() {
  local desc=$1 corpus=$2 pattern=$3
  shift 3
  "$@" "$BRIEF" index --corpus "$corpus" --index "$idx" >"$WORK/out" 2>"$WORK/err"
  status=$?
  out=$(cat "$WORK/out")
  err=$(cat "$WORK/err")
  one_error "$desc" "$pattern"
  index_intact "$desc"
}

# new_corpus NAME: a fresh copy of the real corpus; prints its path.
new_corpus() {
  local dir=$WORK/c-$1
  make_corpus "$dir" 0
  echo "$dir"
}

cases=0
case_done() { cases=$((cases + 1)); }
# section NAME: how long the section before took (printed at the end).
section_name="" section_start=$(now_ms) timings=""
section() {
  [ -n "$section_name" ] && timings="$timings $section_name $(($(now_ms) - section_start)) ms;"
  section_name=$1 section_start=$(now_ms)
}

# ---- malformed UTF-8 in a corpus file ----------------------------------------
section utf8
c=$(new_corpus utf8-byte)
sed -i '40s/^/ab\xff/' "$c/usrok2020/report.md"
bad_corpus "a 0xff byte" "$c" "usrok2020/report\.md:40:3: invalid UTF-8 \(byte 0xff\)$"; case_done
c=$(new_corpus utf8-overlong)
sed -i '41s/^/\xc0\xaf/' "$c/usrok2020/report.md"
bad_corpus "an overlong sequence" "$c" "usrok2020/report\.md:41:1: invalid UTF-8 \(byte 0xc0\)$"; case_done
c=$(new_corpus utf8-surrogate)
sed -i '42s/$/ x\xed\xa0\x80/' "$c/usrok2020/report.md"
bad_corpus "an encoded surrogate" "$c" "usrok2020/report\.md:42:[0-9]+: invalid UTF-8 \(byte 0xed\)$"; case_done
c=$(new_corpus utf8-continuation)
sed -i '43s/^/\x80/' "$c/usrok2020/report.md"
bad_corpus "a lone continuation byte" "$c" "usrok2020/report\.md:43:1: invalid UTF-8 \(byte 0x80\)$"; case_done
c=$(new_corpus utf8-truncated)
printf 'The end \xe2\x80' >>"$c/usrok2020/report.md"
lines=$(wc -l <"$c/usrok2020/report.md")
bad_corpus "a sequence cut at the end of the file" "$c" \
  "usrok2020/report\.md:$((lines + 1)):9: invalid UTF-8 \(byte 0xe2\)$"; case_done
c=$(new_corpus utf8-tsv)
printf 'Bad\xffName\tagency\tBN\n' >>"$c/agencies.tsv"
bad_corpus "malformed UTF-8 in agencies.tsv" "$c" "agencies\.tsv"; case_done

# ---- empty corpus ----------------------------------------------------------------
section empty
mkdir -p "$WORK/c-empty"
bad_corpus "an empty corpus folder" "$WORK/c-empty" "corpus .*c-empty: no reports"; case_done
mkdir -p "$WORK/c-nofile/usrok2020"
bad_corpus "a report folder without report.md" "$WORK/c-nofile" "corpus .*c-nofile: no reports"; case_done
c=$(new_corpus empty-file)
: >"$c/usrok2020/report.md"
bad_corpus "an empty report.md" "$c" "usrok2020/report\.md:1: no front matter"; case_done
c=$(new_corpus only-front)
printf -- '---\nid: x\ntitle: X\n---\n' >"$c/usrok2020/report.md"
bad_corpus "a report.md of front matter only" "$c" "usrok2020/report\.md: no passages"; case_done

# ---- a binary file as report.md ------------------------------------------------
section binary
c=$(new_corpus binary)
head -c 4096 "$BRIEF" >"$c/usrok2020/report.md"
bad_corpus "an executable as report.md" "$c" "usrok2020/report\.md:1:[0-9]+: binary data \(a NUL byte\), not text$"; case_done
c=$(new_corpus png)
printf '\x89PNG\r\n\x1a\n\xff\xd8\xff\xe0' >"$c/usrok2020/report.md"
bad_corpus "a PNG header as report.md" "$c" "usrok2020/report\.md:1:1: invalid UTF-8 \(byte 0x89\)$"; case_done
c=$(new_corpus nul-late)
printf 'text\0more\n' >>"$c/usrok2020/report.md"
lines=$(wc -l <"$c/usrok2020/report.md")
bad_corpus "a NUL byte at the end of a report" "$c" "usrok2020/report\.md:$lines:5: binary data"; case_done

# ---- missing and unreadable corpus -------------------------------------------
section unreadable
bad_corpus "a corpus that does not exist" "$WORK/nowhere" "corpus .*/nowhere: No such file or directory$"; case_done
c=$(new_corpus not-a-folder)
bad_corpus "a corpus path that names a plain file" "$c/agencies.tsv" "agencies\.tsv:1: no front matter"; case_done
c=$(new_corpus report-is-folder)
rm "$c/usrok2020/report.md"
mkdir "$c/usrok2020/report.md"
bad_corpus "a report.md that is a folder" "$c" "usrok2020/report\.md: not a regular file"; case_done

# Permissions: root reads a chmod 000 file anyway.  As root, run brief
# without the capabilities that let root ignore permissions (setpriv, from
# util-linux); where that is not possible, say so and check what is true.
runner=()
unreadable_mode=plain
if [ "$(id -u)" -eq 0 ]; then
  echo secret >"$WORK/probe"
  chmod 000 "$WORK/probe"
  if command -v setpriv >/dev/null 2>&1 &&
     ! setpriv --bounding-set=-dac_override,-dac_read_search cat "$WORK/probe" >/dev/null 2>&1 &&
     setpriv --bounding-set=-dac_override,-dac_read_search true 2>/dev/null; then
    runner=(setpriv --bounding-set=-dac_override,-dac_read_search)
    unreadable_mode="root without CAP_DAC_OVERRIDE (setpriv)"
  else
    unreadable_mode="root: permissions do not stop reads here"
  fi
fi
echo "bad input: unreadable files checked as: $unreadable_mode"
if [ "$unreadable_mode" = "root: permissions do not stop reads here" ]; then
  echo "NOTE: running as root without setpriv: chmod 000 does not block reads;" \
       "checking that brief reads such a corpus normally instead" >&2
  c=$(new_corpus unreadable)
  chmod 000 "$c/usrok2020/report.md"
  run index --corpus "$c" --index "$WORK/root-index" --quiet
  expect_status 0 "as root, a chmod 000 report is still read"; case_done
else
  c=$(new_corpus unreadable-file)
  chmod 000 "$c/usrok2020/report.md"
  bad_corpus "an unreadable report.md" "$c" "usrok2020/report\.md: Permission denied$" "${runner[@]}"; case_done
  c=$(new_corpus unreadable-dir)
  chmod 000 "$c"
  bad_corpus "an unreadable corpus folder" "$c" "corpus .*c-unreadable-dir: Permission denied$" "${runner[@]}"; case_done
  chmod 755 "$c"
  c=$(new_corpus unreadable-report-dir)
  make_corpus "$c" 1
  chmod 000 "$c/copy1"
  bad_corpus "an unreadable report folder beside a good one" "$c" "copy1/report\.md: Permission denied$" "${runner[@]}"; case_done
  chmod 755 "$c/copy1"
  c=$(new_corpus unreadable-tsv)
  chmod 000 "$c/agencies.tsv"
  bad_corpus "an unreadable agencies.tsv" "$c" "agencies\.tsv: Permission denied$" "${runner[@]}"; case_done
fi

# ---- a damaged index ---------------------------------------------------------------
section damaged-index
# damaged NAME: a copy of the good index folder; prints the path.  $gen
# is the build its 'current' names.
damaged() {
  local dir=$WORK/i-$1
  cp -r "$idx" "$dir"
  echo "$dir"
}
# bad_index DESC DIR PATTERN: search, show and passages fail on DIR.
bad_index() {
  local desc=$1 dir=$2 pattern=$3
  run search --index "$dir" "$QUERY_KNOWN"
  one_error "$desc: search" "$pattern"
  run show --index "$dir" rec-p4.1.1
  one_error "$desc: show" "$pattern"
  run passages --index "$dir" --format jsonl
  one_error "$desc: passages" "$pattern"
}
# dbs DIR: every database the index's 'current' names (meta, shard-1 ...).
dbs() {
  sed -n 's/^glass //p' "$1/current" | while read -r db; do echo "$1/$db"; done
}
# garbage N: N bytes of the same garbage every run.
garbage() { yes 'brief garbage 0123456789 ~!@#$%^&*()' | head -c "$1"; }
d=$(damaged garbage)
for db in $(dbs "$d"); do
  for f in "$db"/*.glass; do garbage 65536 | dd of="$f" conv=notrunc status=none; done
done
bad_index "garbage in every glass file" "$d" "i-garbage/current: DatabaseCorruptError: "; case_done
run index --corpus "$WORK/good" --index "$d" --quiet
expect_status 0 "a build over a damaged index"
expect_eq "$(top_id "$d")" "$expected" "the damaged index, rebuilt, answers"
d=$(damaged garbage-postlist)
for db in $(dbs "$d"); do
  garbage 8192 | dd of="$db/postlist.glass" bs=8192 seek=1 conv=notrunc status=none
done
bad_index "garbage in the second block of every postlist.glass" "$d" "i-garbage-postlist/current: Database[A-Za-z]*Error: "; case_done
d=$(damaged truncated)
for db in $(dbs "$d"); do
  for f in "$db"/*.glass; do truncate -s $(($(stat -c %s "$f") / 2)) "$f"; done
done
bad_index "every glass file cut in half" "$d" "i-truncated/current: Database[A-Za-z]*Error: "; case_done
d=$(damaged no-version)
for db in $(dbs "$d"); do : >"$db/iamglass"; done
bad_index "an empty iamglass" "$d" "i-no-version/current: DatabaseCorruptError: "; case_done
d=$(damaged gen-gone)
gone=$(current_gen "$d")
gone=${gone%%/*}   # the generation folder
rm -rf "${d:?}/$gone"
bad_index "'current' names a build that is gone" "$d" "i-gen-gone/current:1: shard '$gone/meta': No such file or directory$"; case_done
d=$(damaged bad-stub)
printf 'glass \033[31mred\a\n' >"$d/current"
bad_index "'current' holds garbage" "$d" "i-bad-stub/current:1: a control character: not a stub line"; case_done
mkdir -p "$WORK/i-empty"
bad_index "an empty index folder" "$WORK/i-empty" "i-empty: DatabaseNotFoundError: "; case_done
bad_index "no index there" "$WORK/i-nowhere" "no index at .*/i-nowhere: build it with 'brief index"; case_done
echo "not an index" >"$WORK/i-file"
bad_index "an index path that is a file" "$WORK/i-file" "i-file:1: not a stub line: expected 'glass PATH' or 'remote HOST:PORT'$"; case_done
run index --corpus "$WORK/good" --index "$WORK/i-file"
one_error "brief index into a path that is a file" "index .*/i-file: exists and is not a folder$"; case_done

# ---- queries ---------------------------------------------------------------------------
section queries
# bad_query DESC PATTERN WORDS...: brief search fails with PATTERN.
bad_query() {
  local desc=$1 pattern=$2
  shift 2
  run search --index "$idx" "$@"
  one_error "query $desc" "$pattern"
  case_done
}
bad_query "unbalanced quote" 'unbalanced quote: the " at position 10 is not closed$' 'alliance "special measures'
bad_query "unbalanced quote in a filter" 'unbalanced quote: the " at position 8 is not closed$' 'agency:"State Department'
bad_query "unbalanced curly quote" 'unbalanced quote: the " at position 1 is not closed$' '“special measures'
bad_query "unclosed parenthesis" "unbalanced parenthesis: the '\(' at position 1 is not closed$" '(trade OR investment'
bad_query "unopened parenthesis" "unbalanced parenthesis: the '\)' at position 6 has no '\('$" 'trade)'
bad_query "nested unclosed parenthesis" "the '\(' at position 1 is not closed$" '((trade OR cyber)'
bad_query "empty parentheses" "empty parentheses at position 7$" 'trade ()'
bad_query "lone AND" "'AND' at position 1 needs a word or phrase on each side$" 'AND'
bad_query "lone OR" "'OR' at position 1 needs a word or phrase on each side$" 'OR'
bad_query "lone NOT" "'NOT' at position 1 needs a word or phrase on each side$" 'NOT'
bad_query "lone NEAR" "'NEAR' at position 1 needs a word or phrase on each side$" 'NEAR'
bad_query "trailing AND" "'AND' at position 7 needs a word or phrase on its right$" 'trade AND'
bad_query "leading OR" "'OR' at position 1 needs a word or phrase on its left$" 'OR trade'
bad_query "NEAR beside a phrase" "'NEAR' at position 15 joins two plain words, not a phrase at position 1$" '"south korea" NEAR sanctions'
bad_query "NEAR beside a signed word" "'NEAR' at position 8 joins two plain words, not a word with \+ or - at position 1$" -- '-korea NEAR sanctions trade'
bad_query "filter without value" "'pillar:' at position 1 needs a value$" 'pillar:'
bad_query "empty query" "nothing to search for" ''
bad_query "malformed UTF-8" "not valid UTF-8" $'trade \xff'
words=$(for ((i = 0; i < 10000; i++)); do printf 'alliance '; done)
TIMEFORMAT='%U %S'
cpu=$({ time "$BRIEF" search --index "$idx" "$words" >"$WORK/out" 2>"$WORK/err"; } 2>&1)
status=$?
out=$(cat "$WORK/out") err=$(cat "$WORK/err")
one_error "query of 10,000 words in one argument" "the query has 10000 words; the limit is 1000$"
case_done
words_ms=$(awk -v t="$cpu" 'BEGIN { split(t, a, " "); printf "%d", (a[1] + a[2]) * 1000 }')
[ "$words_ms" -lt 5000 ] && ok || not_ok "10,000 words took ${words_ms} ms of CPU"
# shellcheck disable=SC2086
bad_query "of 10,000 words in 10,000 arguments" "the query has 10000 words; the limit is 1000$" $words
parens=$(printf '%.0s(' {1..20000})alliance$(printf '%.0s)' {1..20000})
cpu=$({ time "$BRIEF" search --index "$idx" "$parens" --limit 1 >/dev/null 2>"$WORK/err"; } 2>&1)
status=$?
expect_status 0 "20,000 nested parentheses"
cpu_ms=$(awk -v t="$cpu" 'BEGIN { split(t, a, " "); printf "%d", (a[1] + a[2]) * 1000 }')
[ "$cpu_ms" -lt 5000 ] && ok || not_ok "20,000 nested parentheses took ${cpu_ms} ms of CPU"
case_done
echo "bad input: 10,000 words refused in ${words_ms} ms of CPU; 20,000 nested parentheses searched in ${cpu_ms} ms of CPU"

# ---- absurd --limit and --offset ----------------------------------------------------
section limits
bad_option() { # bad_option DESC PATTERN ARGS...
  local desc=$1 pattern=$2
  shift 2
  run "$@"
  one_error "$desc" "$pattern"
  case_done
}
for v in -1 99999999999 abc '' 10001 1.5 0x10 5x; do
  bad_option "--limit '$v'" "^brief search: --limit must be a whole number from 0 to 10000, not '$v'$" \
    search --index "$idx" trade --limit "$v"
done
for v in -1 99999999999 abc 99999999999999999999999; do
  bad_option "--offset '$v'" "^brief search: --offset must be a whole number from 0 to 1000000, not '$v'$" \
    search --index "$idx" trade --offset "$v"
done
bad_option "-n abc" "^brief search: --limit must be a whole number from 0 to 10000, not 'abc'$" \
  search --index "$idx" trade -n abc
bad_option "--limit=-1" "not '-1'$" search --index "$idx" trade --limit=-1
bad_option "--limit without a value" "^brief search: '--limit' needs a value$" search --index "$idx" trade --limit
bad_option "--snippet -5" "^brief search: --snippet must be a whole number" search --index "$idx" trade --snippet -5
bad_option "show --context 7" "^brief show: --context must be a whole number from 0 to 1, not '7'$" \
  show --index "$idx" rec-p4.1.1 --context 7
run search --index "$idx" trade --offset 1000000 --format json
expect_status 0 "--offset at its limit: no error"
expect_eq "$(jqo '.results | length')" 0 "--offset at its limit: no results on the page"

# ---- unknown flags ---------------------------------------------------------------------
section flags
bad_option "unknown global option" "^brief: unknown option '--bogus' \(brief --help\)$" --bogus search trade
bad_option "unknown subcommand" "^brief: no subcommand 'bogus' \(brief --help lists them\)$" bogus
bad_option "search --bogus" "^brief search: unknown option '--bogus' \(brief search --help\)$" search --index "$idx" trade --bogus
bad_option "search --bogus=1" "^brief search: unknown option '--bogus' " search --index "$idx" --bogus=1 trade
bad_option "index --bogus" "^brief index: unknown option '--bogus' \(brief index --help\)$" index --index "$idx" --bogus
bad_option "show --bogus" "^brief show: unknown option '--bogus'" show --index "$idx" --bogus rec-p4.1.1
bad_option "quote --format xml" "^brief quote: --format takes text, json or jsonl, not 'xml'$" quote --index "$idx" --format xml rec-p4.1.1
bad_option "passages --bogus" "^brief passages: unknown option '--bogus'" passages --index "$idx" --bogus
bad_option "verify --bogus" "^brief verify: unknown option '--bogus'" verify --index "$idx" --bogus "text"
bad_option "search --format xml" "^brief search: --format takes text, json, jsonl or markdown, not 'xml'$" \
  search --index "$idx" --format xml trade
bad_option "passages --format markdown" "^brief passages: --format takes text, json or jsonl, not 'markdown'$" \
  passages --index "$idx" --format markdown
bad_option "search --sort random" "^brief search: --sort takes 'relevance' or 'report', not 'random'$" \
  search --index "$idx" --sort random trade
bad_option "--quiet=yes" "^brief index: '--quiet' takes no value$" index --index "$idx" --quiet=yes
bad_option "index with a word" "^brief index: unexpected argument 'corpus'" index --index "$idx" corpus
bad_option "--index without a value" "^brief: '--index' needs a value$" --index
bad_option "unknown pillar" "^brief search: pillar must be a number from 1 to 6 or 'none', not 'x'$" \
  search --index "$idx" --pillar x
index_intact "after every bad query and option"

# ---- a report of one huge line ---------------------------------------------------------
section big
# The words of the report on one line, repeated to N MB, under a heading.
# Indexing time (CPU) must grow linearly: per MB, the largest may not cost
# more than 2.5 times the smallest (quadratic work would cost size-ratio
# times more).
if ldd "$BRIEF" 2>/dev/null | grep -q 'libasan\|libubsan'; then
  sizes=${BRIEF_BIG_SIZES:-1 2}
else
  sizes=${BRIEF_BIG_SIZES:-1 2 4}
fi
line=$(sed -e '1,/^---$/d' -e 's/<!--.*-->//g' -e 's/^[#>*-]* *//' \
  "$SOURCE_DIR/corpus/usrok2020/report.md" | tr '\n' ' ' | tr -s ' ')
printf '%s ' "$line" >"$WORK/unit.txt"
first_per_mb=0 last_per_mb=0 figures=""
for mb in $sizes; do
  c=$WORK/c-big$mb
  mkdir -p "$c/big"
  cp "$SOURCE_DIR"/corpus/*.tsv "$c"/
  bytes=$((mb * 1000000))
  {
    printf -- '---\nid: big\ntitle: One Line\n---\n\n<!-- brief: id=huge -->\n# One line\n\n'
    # shellcheck disable=SC2034
    for ((i = 0; i < bytes / $(wc -c <"$WORK/unit.txt") + 1; i++)); do cat "$WORK/unit.txt"; done |
      head -c "$bytes"
    printf ' plughxyzzy\n'
  } >"$c/big/report.md"
  cpu=$({ time "$BRIEF" index --corpus "$c" --index "$WORK/i-big$mb" --quiet >"$WORK/out" 2>"$WORK/err"; } 2>&1)
  status=$?
  expect_status 0 "indexing a report of one ${mb} MB line"
  ms=$(awk -v t="$cpu" 'BEGIN { split(t, a, " "); printf "%d", (a[1] + a[2]) * 1000 }')
  per_mb=$((ms / mb))
  [ "$first_per_mb" -eq 0 ] && first_per_mb=$per_mb
  last_per_mb=$per_mb
  figures="$figures ${mb} MB: ${ms} ms (${per_mb} ms/MB);"
  run search --index "$WORK/i-big$mb" plughxyzzy --format json --snippet 80
  expect_status 0 "the last word of the ${mb} MB line is found"
  expect_eq "$(jqo '.results[0].id')" "big:huge.1" "the ${mb} MB passage"
  rm -rf "$c" "$WORK/i-big$mb"
done
case_done
[ "$last_per_mb" -le $((first_per_mb * 5 / 2 + 50)) ] && ok ||
  not_ok "indexing time is not linear:$figures"
echo "bad input: one-line report, CPU time to index:$figures"

section end
echo "bad input: $cases cases tried; time per section:$timings"
finish
