# Hostile input (issue 14): an index folder, a corpus, tables and queries
# made by an attacker.  Every case must end in bounded time (`timeout`)
# with exit 0 or 2 (never a signal), one line on stderr when it fails, no
# program run, and the index built before intact.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rel_lib.sh"
export LANG=C.UTF-8 TERM=dumb COLUMNS=80

idx=$WORK/index
make_corpus "$WORK/good" 0
base_t0=$(now_ms)
"$BRIEF" index --corpus "$WORK/good" --index "$idx" --quiet
BASE_MS=$(($(now_ms) - base_t0))   # a whole build of the good corpus, this run
expected=$(top_id "$idx")
good_gen=$(current_gen "$idx")
[ -n "$expected" ] && [ "${expected:0:1}" != "<" ] && ok || not_ok "the good build answers"

# LIMIT: seconds a case may take (times $SLOW).
LIMIT=$(slow 20)
# hostile DESC WANT CMD...: runs CMD (brief ARGS... or a shell command) under
# timeout; WANT is the exit status expected (0, 1 or 2; "0|2" for either).
# Exit 2 must come with exactly one line on stderr.
hostile() {
  local desc=$1 want=$2
  shift 2
  local t0
  t0=$(now_ms)
  timeout -k 5 "$LIMIT" "$@" >"$WORK/out" 2>"$WORK/err"
  status=$?
  elapsed=$(($(now_ms) - t0))
  out=$(head -c 2000 "$WORK/out")
  err=$(cat "$WORK/err")
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    not_ok "$desc: no answer within $LIMIT s"
  elif [ "$status" -gt 128 ]; then
    not_ok "$desc: killed by signal $((status - 128)) ($err)"
  elif [[ ! $status =~ ^($want)$ ]]; then
    not_ok "$desc: exit status $status, expected $want (stderr: $err)"
  else
    ok
  fi
  if [ "$status" -eq 2 ]; then
    expect_eq "$(wc -l <"$WORK/err")" 1 "$desc: one line on stderr"
  fi
}
# refused DESC PATTERN CMD...: exit 2, one line on stderr matching PATTERN.
refused() {
  local desc=$1 pattern=$2
  shift 2
  hostile "$desc" 2 "$@"
  expect_err "$pattern" "$desc: the message"
}
index_intact() {
  expect_eq "$(current_gen "$idx")" "$good_gen" "$1: 'current' unchanged"
  expect_eq "$(top_id "$idx")" "$expected" "$1: the old index still answers"
}
# no_program DESC: the stubs below try to run `touch $WORK/pwned`.
no_program() {
  if [ -e "$WORK/pwned" ]; then
    not_ok "$1: a program named in a stub ran"
    rm -f "$WORK/pwned"
  else ok; fi
}

# ---- stub files that would run a program ------------------------------------
run_prog="remote :touch $WORK/pwned"
mkdir -p "$WORK/d/index"
printf '%s\n' "$run_prog" >"$WORK/d/index/current"
for cmd in "search alliance" "show rec-p4.1.1" "quote rec-p4.1.1" "passages" "facets" \
           "verify alliance" "complete ids" "complete reports"; do
  # shellcheck disable=SC2086
  refused "./index/current with 'remote :PROG': brief $cmd" \
    "^brief [a-z]+: index/current:1: 'remote :PROGRAM' would run a program: refused" \
    bash -c 'cd "$1" && shift && exec "$@"' _ "$WORK/d" "$BRIEF" $cmd
  no_program "brief $cmd in a folder whose index/current runs a program"
done
# The same stub named with --index, or found through BRIEF_INDEX.
printf 'glass %s/%s\n%s\n' "$idx" "$good_gen" "$run_prog" >"$WORK/prog.stub"
refused "a stub named with --index with 'remote :PROG'" "prog.stub:2: 'remote :PROGRAM' would run" \
  "$BRIEF" search --index "$WORK/prog.stub" alliance
no_program "--index STUB"
printf '%s\n' "$run_prog" >"$WORK/prog-only.stub"
refused "BRIEF_INDEX naming a stub with 'remote :PROG'" "prog-only.stub:1: 'remote :PROGRAM' would run" \
  env BRIEF_INDEX="$WORK/prog-only.stub" "$BRIEF" search alliance
no_program "BRIEF_INDEX=STUB"
# A folder with Xapian's own stub file (XAPIANDB) and no `current`.
mkdir -p "$WORK/xapiandb"
printf '%s\n' "$run_prog" >"$WORK/xapiandb/XAPIANDB"
refused "a folder holding a XAPIANDB stub" "xapiandb: Database" \
  "$BRIEF" search --index "$WORK/xapiandb" alliance
no_program "a XAPIANDB stub folder"
# A database `current` names that is itself a XAPIANDB stub folder.
mkdir -p "$WORK/d2/gen-1/meta"
printf '%s\n' "$run_prog" >"$WORK/d2/gen-1/meta/XAPIANDB"
printf 'glass gen-1/meta\n' >"$WORK/d2/current"
refused "current naming a XAPIANDB stub folder" "d2/current: Database" \
  "$BRIEF" search --index "$WORK/d2" alliance
no_program "a glass line naming a XAPIANDB stub folder"
hostile "brief index over it" 0 "$BRIEF" index --corpus "$WORK/good" --index "$WORK/d2" --quiet
no_program "brief index over an index whose meta is a XAPIANDB stub"

# ---- what an index folder's current may name ---------------------------------
cp -r "$idx" "$WORK/i-out"
printf 'glass ../index/%s\n' "$good_gen" >"$WORK/i-out/current"
refused "current naming ../" "i-out/current:1: the shard '\.\./index/.*' is outside the index folder" \
  "$BRIEF" search --index "$WORK/i-out" alliance
printf 'glass %s/%s\n' "$idx" "$good_gen" >"$WORK/i-out/current"
refused "current naming an absolute path" "i-out/current:1: the shard '/.*' is outside the index folder" \
  "$BRIEF" search --index "$WORK/i-out" alliance
ln -s "$idx/${good_gen%%/*}" "$WORK/i-out/gen-link"
printf 'glass gen-link/meta\n' >"$WORK/i-out/current"
refused "current naming a symbolic link out of the folder" "i-out/current:1: the shard 'gen-link/meta' leads outside" \
  "$BRIEF" search --index "$WORK/i-out" alliance
printf 'remote 127.0.0.1:1\n' >"$WORK/i-out/current"
refused "current naming a remote shard" "i-out/current:1: a remote shard is opened only from a stub file named with --index" \
  "$BRIEF" search --index "$WORK/i-out" alliance
printf 'glass %s/%s\nremote 127.0.0.1:1\n' "$idx" "$good_gen" >"$WORK/tcp.stub"
printf 'remote 127.0.0.1:1\n' >"$WORK/tcp-only.stub"
refused "completion never opens a remote shard" "tcp-only.stub:1: a remote shard is opened only" \
  "$BRIEF" complete ids --index "$WORK/tcp-only.stub"
refused "a remote shard named with --index is opened" "tcp.stub: NetworkError" \
  "$BRIEF" search --index "$WORK/tcp.stub" alliance
for line in "remote" "remote host" "remote host:0" "remote host:65536" "remote :" \
            "remote a b:1" "auto $idx" "inmemory" "chert x" "glass"; do
  printf '%s\n' "$line" >"$WORK/odd.stub"
  refused "stub line '$line'" "odd.stub:1: " "$BRIEF" search --index "$WORK/odd.stub" alliance
done
: >"$WORK/empty.stub"
refused "an empty stub" "empty.stub: lists no database" "$BRIEF" search --index "$WORK/empty.stub" alliance
head -c 100000 /dev/zero | tr '\0' '#' >"$WORK/big.stub"
refused "a stub of 100 KB" "big.stub: too large" "$BRIEF" search --index "$WORK/big.stub" alliance
index_intact "after the stub cases"

# ---- every write checked ---------------------------------------------------------
# full DESC CMD...: brief with stdout on /dev/full exits 2 with one line.
full() {
  local desc=$1
  shift
  hostile "$desc > /dev/full" 2 bash -c '"$@" >/dev/full' _ "$@"
  expect_err "cannot write" "$desc > /dev/full: the message"
}
for cmd in "search alliance" "search alliance --format json" "search alliance --facets" \
           "show rec-p4.1.1" "quote rec-p4.1.1" "passages" "passages --format jsonl" \
           "verify alliance" "facets" "complete ids" "help search" "search --help"; do
  # shellcheck disable=SC2086
  full "brief $cmd" "$BRIEF" --index "$idx" $cmd
done
full "brief --help" "$BRIEF" --help
full "brief --version" "$BRIEF" --version
full "brief index (its summary)" "$BRIEF" index --corpus "$WORK/good" --index "$WORK/i-full"
# A short write: the file may not grow past 16 KB (SIGXFSZ ignored, so
# write() fails with EFBIG after the first 16 KB went out).
hostile "brief passages --format jsonl, cut at 16 KB" 2 \
  bash -c 'trap "" XFSZ; ulimit -f 16; exec "$@" >"$0"' "$WORK/cut.jsonl" \
  "$BRIEF" passages --index "$idx" --format jsonl
expect_err "cannot write the output: File too large" "a short write: the message"
[ "$(stat -c %s "$WORK/cut.jsonl")" -le 16384 ] && ok || not_ok "the cut export is at most 16 KB"
index_intact "after the write cases"

# ---- bounded work ------------------------------------------------------------------
# edition_corpus NAME BODY-GENERATOR...: a corpus of the real report and a
# report "hostile" whose body is what the command prints; prints its path.
edition_corpus() {
  local c=$WORK/c-$1
  shift
  make_corpus "$c" 0
  mkdir -p "$c/hostile"
  { printf -- '---\nid: hostile\ntitle: Hostile\n---\n# Heading\n\n'; "$@"; } >"$c/hostile/report.md"
  echo "$c"
}
# bounded_index DESC WANT CORPUS [PATTERN]: brief index of CORPUS into a copy
# of the good index ends within LIMIT seconds with WANT; on exit 2 the line
# matches PATTERN and the index is intact.
bounded_index() {
  local desc=$1 want=$2 corpus=$3 pattern=${4:-}
  rm -rf "$WORK/i-b"
  cp -r "$idx" "$WORK/i-b"
  local before
  before=$(cat "$WORK/i-b/current")
  hostile "$desc" "$want" "$BRIEF" index --corpus "$corpus" --index "$WORK/i-b" --quiet
  [ -n "$pattern" ] && expect_err "$pattern" "$desc: the message"
  if [ "$status" -eq 2 ]; then
    expect_eq "$(cat "$WORK/i-b/current")" "$before" "$desc: 'current' unchanged"
  fi
  echo "hostile: $desc: exit $status in $elapsed ms" >&2
  within_bound "$desc"
}
# within_bound DESC: the last case took at most BOUND_MS: 5 s, or ten
# builds of the good corpus measured in this run when the machine is slower
# than that (shared machines are noisy); quadratic work took 25 s to
# minutes on these inputs, 35 to 150 builds.
BOUND_MS=$((5000 * SLOW * (SANITIZED ? 6 : 1)))
[ $((10 * BASE_MS)) -gt "$BOUND_MS" ] && BOUND_MS=$((10 * BASE_MS))
within_bound() {
  [ "$elapsed" -le "$BOUND_MS" ] && ok || not_ok "$1: took $elapsed ms (bound $BOUND_MS ms)"
}
c=$(edition_corpus quotes awk 'BEGIN { for (i = 0; i < 50000; i++) printf ">"; print " deep" }')
bounded_index "50,000 nested block quotes" 2 "$c" "hostile/report.md:7: nested more than 100 levels deep"
c=$(edition_corpus lists awk 'BEGIN { for (i = 0; i < 50000; i++) printf "- "; print "deep" }')
bounded_index "50,000 nested list items" 2 "$c" "hostile/report.md:7: nested more than 100 levels deep"
c=$(edition_corpus emphasis awk 'BEGIN { for (i = 0; i < 20000; i++) printf "*a "; for (i = 0; i < 20000; i++) printf "b* "; print "" }')
bounded_index "20,000 nested emphases" "0|2" "$c"
c=$(edition_corpus brackets awk 'BEGIN { for (i = 0; i < 50000; i++) printf "["; print "x" }')
bounded_index "50,000 open brackets" 0 "$c"
c=$(edition_corpus headings awk 'BEGIN { for (i = 0; i < 4000; i++) print "## Conclusion\n\nText " i ".\n" }')
bounded_index "4,000 headings titled Conclusion" 0 "$c"
ids=$("$BRIEF" passages --index "$WORK/i-b" --format jsonl | jq -r .id)
expect_eq "$(sort <<<"$ids" | uniq -d | wc -l)" 0 "4,000 Conclusions: every passage id unique"
expect_eq "$(grep -Ec '^hostile:conclusion(-[0-9]+)?$' <<<"$ids")" 4000 "4,000 Conclusions: 4,000 sections"
c=$(edition_corpus hyphens awk 'BEGIN { for (i = 0; i < 50000; i++) print "abcdefghij-"; print "end." }')
bounded_index "50,000 hyphen-broken lines" 0 "$c"
c=$(edition_corpus hyphens-2mb awk 'BEGIN { for (i = 0; i < 50000; i++) print "abcdefghijklmnopqrstuvwxyzabcdefghijklm-"; print "end." }')
bounded_index "2 MB of hyphen-broken lines" 0 "$c"
c=$WORK/c-synonyms
make_corpus "$c" 0
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "term%d\tvariant%d|alias%d\n", i, i, i;
             for (i = 0; i < 2000; i++) printf "shared\tv%d\n", i }' >>"$c/synonyms.tsv"
bounded_index "12,000 more synonym lines" 0 "$c"
bounded_index "12,000 more synonym lines, nothing changed" 0 "$c"
hostile "search a synonym of the big table" "0|1" "$BRIEF" search --index "$WORK/i-b" variant77 --explain
expect_err "words: \(term77 OR variant77 OR alias77\)" "the big table's group is found"
c=$WORK/c-agencies
make_corpus "$c" 0
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "agency\tAgency Number %d\tUS\t\tAN%d|Agency No %d\n", i, i, i }' \
  >>"$c/agencies.tsv"
bounded_index "10,000 more agencies" 0 "$c"
hostile "search --agency in a gazetteer of 10,000 more agencies" "0|1" \
  "$BRIEF" search --index "$WORK/i-b" alliance --agency "Agency Number 77"
within_bound "search --agency in a gazetteer of 10,000 more agencies"
word=$(head -c 120000 /dev/zero | tr '\0' 'a')
hostile "a query of one 120,000-letter word" "1|2" "$BRIEF" search --index "$idx" "$word"
echo "hostile: a 120,000-letter word: exit $status in $elapsed ms" >&2
within_bound "a 120,000-letter word"
hostile "a query of 900 words of 130 letters" "1|2" "$BRIEF" search --index "$idx" \
  "$(for ((i = 0; i < 900; i++)); do printf '%s ' "${word:0:130}"; done)"
index_intact "after the bounded-work cases"

# ---- expansions are data ---------------------------------------------------------
c=$WORK/c-expand
make_corpus "$c" 0
printf 'Oregon\tOR\ntrade\tNOT\nalliance\tpillar:3|x*|(AND)|"NEAR"\ncyber\t~near^2\n' >>"$c/synonyms.tsv"
awk '/^# /{ print; print ""; print "We used operations research (OR) and a Joint Action Plan (AND) here."; next } { print }' \
  "$SOURCE_DIR/corpus/usrok2020/report.md" >"$c/usrok2020/report.md"
hostile "index a report and synonyms that name operators" 0 "$BRIEF" index --corpus "$c" --index "$WORK/i-x" --quiet
for q in "operations research" "joint action plan" Oregon trade alliance cyber "no t" "o r" "a nd" \
         "n ear" "trade AND alliance"; do
  hostile "search '$q' with expansions that look like operators" "0|1" \
    "$BRIEF" search --index "$WORK/i-x" "$q"
done
hostile "search 'operations research' finds the report's sentence" 0 \
  "$BRIEF" search --index "$WORK/i-x" --format json "operations research"

# ---- links where brief writes; files that are not files ------------------------------
cp -r "$idx" "$WORK/i-links"
echo "victim" >"$WORK/victim"
ln -s "$WORK/victim" "$WORK/i-links/current.tmp"
rm -f "$WORK/i-links/.fence"
ln -s "$WORK/victim" "$WORK/i-links/.fence"
hostile "brief index --rebuild with current.tmp and .fence planted as links" 0 \
  "$BRIEF" index --corpus "$WORK/good" --index "$WORK/i-links" --rebuild --quiet
c=$WORK/c-changed
make_corpus "$c" 0
sed -i '0,/^Korea/s//Korea plughlink/' "$c/usrok2020/report.md"
hostile "an update in place with .fence planted as a link" 0 \
  "$BRIEF" index --corpus "$c" --index "$WORK/i-links" --quiet
expect_eq "$(cat "$WORK/victim")" "victim" "the file the links point to is untouched"
[ -f "$WORK/i-links/.fence" ] && [ ! -L "$WORK/i-links/.fence" ] && ok ||
  not_ok "the build put a fence file in place of the planted link"
[ -f "$WORK/i-links/current" ] && [ ! -L "$WORK/i-links/current" ] && ok ||
  not_ok "current is a regular file after the build"
expect_eq "$(top_id "$WORK/i-links")" "$expected" "the index with planted links answers"
rm -f "$WORK/i-links/.lock"
ln -s "$WORK/victim" "$WORK/i-links/.lock"
refused "brief index with .lock planted as a link" "cannot open lock file" \
  "$BRIEF" index --corpus "$WORK/good" --index "$WORK/i-links" --quiet
expect_eq "$(cat "$WORK/victim")" "victim" "the file .lock points to is untouched"

# bad_corpus_file DESC NAME MAKE PATTERN: NAME in a copy of the corpus made
# by the shell command MAKE (run with $f set to its path).
bad_corpus_file() {
  local desc=$1 name=$2 make=$3 pattern=$4 c=$WORK/c-file
  rm -rf "$c"
  make_corpus "$c" 0
  f=$c/$name
  rm -rf "$f"
  mkdir -p "$(dirname "$f")"
  eval "$make"
  refused "$desc" "$pattern" "$BRIEF" index --corpus "$c" --index "$idx" --quiet
  index_intact "$desc"
}
for name in agencies.tsv synonyms.tsv usrok2020/report.md second/report.md; do
  bad_corpus_file "$name as a FIFO" "$name" 'mkfifo "$f"' "$name: not a regular file$"
  bad_corpus_file "$name as a dangling link" "$name" 'ln -s nowhere "$f"' "$name: a symbolic link to nothing$"
  bad_corpus_file "$name as a folder" "$name" 'mkdir "$f"' "$name: (is a directory|not a regular file)$"
done
bad_corpus_file "a root report.md beside report folders" report.md \
  'cp "$SOURCE_DIR/corpus/usrok2020/report.md" "$f"' \
  "c-file: holds both .*/report.md and report folders \(.*/usrok2020/report.md\): move report.md into a folder of its own$"
mkfifo "$WORK/fifo"
refused "brief index --corpus FIFO" "corpus .*/fifo: not a folder or a regular file$" \
  "$BRIEF" index --corpus "$WORK/fifo" --index "$idx" --quiet
refused "brief search --index FIFO" "/fifo: not a regular file$" "$BRIEF" search --index "$WORK/fifo" alliance
refused "brief complete ids --index FIFO" "/fifo: not a regular file$" "$BRIEF" complete ids --index "$WORK/fifo"
refused "brief index --index FIFO" "exists and is not a folder$" \
  "$BRIEF" index --corpus "$WORK/good" --index "$WORK/fifo" --quiet
cp -r "$idx" "$WORK/i-fifo"
rm -f "$WORK/i-fifo/.fence" "$WORK/i-fifo/.lock"
mkfifo "$WORK/i-fifo/.fence" "$WORK/i-fifo/.lock"
hostile "search with .fence a FIFO" 0 "$BRIEF" search --index "$WORK/i-fifo" alliance
hostile "an update with .fence and .lock FIFOs" 0 \
  "$BRIEF" index --corpus "$WORK/good" --index "$WORK/i-fifo" --quiet
[ -f "$WORK/i-fifo/.fence" ] && [ ! -p "$WORK/i-fifo/.fence" ] && ok ||
  not_ok "the update put a fence file in place of the planted FIFO"
rm -f "$WORK/i-fifo/current"
mkfifo "$WORK/i-fifo/current"
refused "search with current a FIFO" "i-fifo/current: not a regular file$" \
  "$BRIEF" search --index "$WORK/i-fifo" alliance
hostile "a build over current a FIFO" 0 "$BRIEF" index --corpus "$WORK/good" --index "$WORK/i-fifo" --quiet
expect_eq "$(top_id "$WORK/i-fifo")" "$expected" "the index built over a FIFO current answers"
index_intact "after the link and file cases"

# ---- smaller cases -------------------------------------------------------------------
# directive_corpus NAME DIRECTIVE: the real report with DIRECTIVE before its
# first heading's paragraph.
directive_corpus() {
  local c=$WORK/c-$1
  rm -rf "$c"
  make_corpus "$c" 0
  awk -v d="$2" '/^# / && !done { print; print ""; print d; done = 1; next } { print }' \
    "$SOURCE_DIR/corpus/usrok2020/report.md" >"$c/usrok2020/report.md"
  echo "$c"
}
for p in 7 0 -1 04 +4 x; do
  c=$(directive_corpus pillar "<!-- brief: pillar=$p -->")
  refused "directive pillar=$p" "usrok2020/report.md:[0-9]+: pillar must be a number from 1 to 6 \(or none\), not '${p/+/\\+}'$" \
    "$BRIEF" index --corpus "$c" --index "$idx" --quiet
done
index_intact "after the pillar directives"
for p in 7 0 -1 04 +4; do
  refused "--pillar $p" "pillar must be a number from 1 to 6 or 'none', not '${p/+/\\+}'$" \
    "$BRIEF" search --index "$idx" alliance --pillar "$p"
  refused "pillar:$p in the query" "pillar must be a number from 1 to 6 or 'none', not '${p/+/\\+}'$" \
    "$BRIEF" search --index "$idx" "alliance pillar:$p"
done
hostile "--pillar 4" 0 "$BRIEF" search --index "$idx" alliance --pillar 4
c=$WORK/c-bom
make_corpus "$c" 0
{ printf '\xef\xbb\xbf'; cat "$SOURCE_DIR/corpus/usrok2020/report.md"; } >"$c/usrok2020/report.md"
{ printf '\xef\xbb\xbf'; cat "$SOURCE_DIR/corpus/agencies.tsv"; } >"$c/agencies.tsv"
{ printf '\xef\xbb\xbf'; cat "$SOURCE_DIR/corpus/synonyms.tsv"; } >"$c/synonyms.tsv"
hostile "a report and tables that start with a UTF-8 byte order mark" 0 \
  "$BRIEF" index --corpus "$c" --index "$WORK/i-bom" --quiet
expect_eq "$(top_id "$WORK/i-bom")" "$expected" "with byte order marks the index answers"
expect_eq "$("$BRIEF" passages --index "$WORK/i-bom" --format jsonl | wc -l)" \
          "$("$BRIEF" passages --index "$idx" --format jsonl | wc -l)" "a byte order mark loses no passage"
long=$(head -c 300 /dev/zero | tr '\0' 'a')
c=$WORK/c-long
make_corpus "$c" 0
sed "0,/^id: .*/s//id: $long/" "$SOURCE_DIR/corpus/usrok2020/report.md" >"$c/usrok2020/report.md"
refused "a report id of 300 bytes" "usrok2020/report.md: front matter needs 'id:' \(letters, digits, '-', '_'; at most 64\)$" \
  "$BRIEF" index --corpus "$c" --index "$idx" --quiet
c=$(directive_corpus long-section "<!-- brief: id=$long -->")
refused "a section id of 300 bytes" "bad section id '$long' \(letters, digits, '-', '_'; at most 64\)$" \
  "$BRIEF" index --corpus "$c" --index "$idx" --quiet
c=$WORK/c-long-heading
make_corpus "$c" 0
awk -v w="$long" '/^# / && !done { print "# " w " " w; print ""; print "A paragraph."; print ""; done = 1 } { print }' \
  "$SOURCE_DIR/corpus/usrok2020/report.md" >"$c/usrok2020/report.md"
hostile "a heading of two 300-letter words" 0 "$BRIEF" index --corpus "$c" --index "$WORK/i-long" --quiet
hostile "show of a 300-byte id" 2 "$BRIEF" show --index "$idx" "usrok2020:$long"
expect_err "no passage 'usrok2020:a+' in the index$" "a 300-byte id: brief's own words"
index_intact "after the long ids"
refused "NOT NOT trade" "'NOT' at position 5 cannot follow 'NOT' at position 1$" \
  "$BRIEF" search --index "$idx" "NOT NOT trade"
refused "trade NOT AND alliance" "'AND' at position 11 cannot follow 'NOT' at position 7$" \
  "$BRIEF" search --index "$idx" "trade NOT AND alliance"
refused "NEAR/4294967297" "'NEAR/4294967297' at position 7: the distance must be from 1 to 1000 words$" \
  "$BRIEF" search --index "$idx" "trade NEAR/4294967297 alliance"
refused "ADJ/0" "'ADJ/0' at position 7: the distance must be from 1 to 1000 words$" \
  "$BRIEF" search --index "$idx" "trade ADJ/0 alliance"
hostile "NEAR/1000" "0|1" "$BRIEF" search --index "$idx" "trade NEAR/1000 alliance"
refused "verify of invalid UTF-8" "the quotation is not valid UTF-8 \(byte 0xff at position 1\)$" \
  "$BRIEF" verify --index "$idx" $'\xff'
refused "--section -" "section filter '-' has no words$" "$BRIEF" search --index "$idx" alliance --section -
hostile "--section summary" 0 "$BRIEF" search --index "$idx" alliance --section summary
# U+202E (right-to-left override), U+2066 (isolate), U+2028 (line separator).
c=$(directive_corpus bidi $'Plughbidi \xe2\x80\xae reversed \xe2\x81\xa6 isolate \xe2\x80\xa8 separated.')
hostile "a report with bidirectional controls" 0 "$BRIEF" index --corpus "$c" --index "$WORK/i-bidi" --quiet
for fmt in text markdown json jsonl; do
  hostile "search in $fmt of a passage with bidirectional controls" 0 \
    "$BRIEF" search --index "$WORK/i-bidi" plughbidi --format "$fmt"
  if grep -q $'\xe2\x80\xae\|\xe2\x81\xa6\|\xe2\x80\xa8' "$WORK/out"; then
    not_ok "$fmt: U+202E, U+2066 or U+2028 reached the output as it is"
  else ok; fi
  expect_out '\\u202e' "$fmt: U+202E shown escaped"
done
hostile "search in JSON of a passage with bidirectional controls" 0 \
  "$BRIEF" search --index "$WORK/i-bidi" plughbidi --format json
expect_eq "$(jq -r '.results[0].snippet | test("\u202e reversed")' "$WORK/out")" true \
  "JSON keeps the exact text (U+202E escaped, the same string)"
c=$WORK/c-removed
two_reports "$c"
"$BRIEF" index --corpus "$c" --index "$WORK/i-rm" --quiet
rm -rf "$c/second"
hostile "a full build after a report was removed" 0 \
  "$BRIEF" index --corpus "$c" --index "$WORK/i-rm" --rebuild
expect_out "1 re-indexed, 0 unchanged, 1 removed \(a new build" "a full build counts the removed report"
hostile "the same full build again" 0 "$BRIEF" index --corpus "$c" --index "$WORK/i-rm" --rebuild
expect_out "1 re-indexed, 0 unchanged, 0 removed \(a new build" "a second full build removes nothing"
index_intact "after the smaller cases"

finish
