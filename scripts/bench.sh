#!/usr/bin/env bash
# The benchmark: one command, one table.
#
#   ./scripts/bench.sh                       # 10 MB and 100 MB corpora
#   ./scripts/bench.sh --sizes "10M 100M 1G" # and 1 GB (about an hour)
#   ./scripts/bench.sh --runs 21 --work /var/tmp/brief-bench
#
# For each size it generates a corpus (bench/gen_corpus: report-shaped
# editions from real English text, the same for a given seed), and measures
# side by side, in the same run:
#   - indexing throughput (MB of passage text per second, wall clock) and
#     peak memory (max RSS, /usr/bin/time -v) of `brief index` and of a bare
#     Xapian TermGenerator over the same passages (bench/bare_indexer);
#   - whole-process query latency, median and p95 over a fixed mix (one word,
#     several words, a phrase, a facet filter, facet counts), of `brief
#     search`, of Xapian's `quest` over the same index, of SQLite FTS5 (bm25
#     and snippet) over the same passages, and of ripgrep over the same text;
#   - index size on disk against the text's size;
# and how each figure grows from one size to the next.  The table goes to
# stdout and to WORK/results.md; every sample to WORK/SIZE/*.tsv.
#
# Machines are noisy: latencies are medians of --runs runs (default 15)
# after one warm-up run, indexing the median of --index-runs builds
# (default 3 below 50 MB, 1 above); compare ratios within one run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

sizes="10M 100M"
runs=15
index_runs=
work=${TMPDIR:-/tmp}/brief-bench
seed=20201101
step_timeout=7200
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --index-runs) index_runs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --timeout) step_timeout=$2; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
done

# ---- setup: the benchmark's own packages (not the tests') -------------------
bench_packages=(bible-kjv bible-kjv-text dict-gcide ripgrep sqlite3 xapian-tools time)
./scripts/setup.sh >/dev/null
missing=()
for p in "${bench_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}" >&2
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
build=${BRIEF_BENCH_BUILD:-$root/build-bench}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBRIEF_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
BRIEF=$build/brief
mkdir -p "$work"
[ -s "$work/pool.txt" ] || bench/make_pool.sh "$root" "$work/pool.txt" >&2

# ---- helpers --------------------------------------------------------------------
now_ns() { date +%s%N; }
# median and p95 of the numbers on stdin (nearest rank)
stats() { sort -g | awk '{ v[NR] = $1 } END { if (!NR) { print "- -"; exit }
  m = v[int((NR + 1) / 2)]; p = v[int(NR * 0.95 + 0.999)]; if (p == "") p = v[NR];
  printf "%.1f %.1f\n", m, p }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "-" }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0 || a == "-" || b == "-") print "-"; else printf "%.2f", a / b }'; }

# timed LABEL OUTDIR CMD...: runs CMD under /usr/bin/time -v; appends
# "seconds maxrss_kb" to OUTDIR/LABEL.runs.
timed() {
  local label=$1 dir=$2; shift 2
  local t0 t1
  t0=$(now_ns)
  timeout "$step_timeout" /usr/bin/time -v -o "$dir/$label.time" "$@" >"$dir/$label.out" 2>"$dir/$label.err"
  t1=$(now_ns)
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/$label.time")
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') $rss" >>"$dir/$label.runs"
}

# A query mix: Q_ENGINE[i] and Q_CMD[i] (a shell command line); mix_run DIR
# runs the whole mix once as a warm-up and then $runs times, the engines
# interleaved (so load that comes and goes hits them alike), appending
# milliseconds to DIR/ENGINE.lat.
Q_ENGINE=()
Q_CMD=()
q() { Q_ENGINE+=("$1"); Q_CMD+=("$2"); }
mix_run() {
  local dir=$1 i k t0 t1
  for ((k = 0; k < ${#Q_CMD[@]}; k++)); do
    eval "${Q_CMD[k]}" >/dev/null 2>&1 || true
  done
  for ((i = 0; i < runs; i++)); do
    for ((k = 0; k < ${#Q_CMD[@]}; k++)); do
      # EPOCHREALTIME (microseconds), not $(date): a fork of date inside
      # the timed window added 1-3 ms to every engine's figure.
      t0=${EPOCHREALTIME//[!0-9]/}
      eval "${Q_CMD[k]}" >/dev/null 2>&1 || true
      t1=${EPOCHREALTIME//[!0-9]/}
      awk -v us="$((t1 - t0))" 'BEGIN { printf "%.3f\n", us / 1000 }' >>"$dir/${Q_ENGINE[k]}.lat"
    done
  done
}

# ---- one size ------------------------------------------------------------------
declare -A R
run_size() {
  local size=$1 dir=$work/$size
  echo "bench: $size: generating the corpus" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  "$build/bench/gen_corpus" "$work/pool.txt" "$root/corpus" "$dir/corpus" "$size" "$seed" >&2
  "$build/bench/dump_passages" "$dir/corpus" >"$dir/passages.tsv"
  cut -f4 "$dir/passages.tsv" >"$dir/text.txt"
  local text_bytes passages
  text_bytes=$(awk -F'\t' '{ n += length($4) } END { print n }' "$dir/passages.tsv")
  passages=$(wc -l <"$dir/passages.tsv")
  R[$size,text]=$text_bytes
  R[$size,passages]=$passages
  R[$size,editions]=$(du -sb "$dir/corpus" | cut -f1)

  local n=${index_runs:-3}
  [ -z "$index_runs" ] && [ "$text_bytes" -gt 50000000 ] && n=1
  echo "bench: $size: indexing ($n runs each; $(mb "$text_bytes") MB of text, $passages passages)" >&2
  local i
  for ((i = 0; i < n; i++)); do
    rm -rf "$dir/index" "$dir/bare"
    timed brief-index "$dir" "$BRIEF" index --corpus "$dir/corpus" --index "$dir/index" --quiet
    timed bare-index "$dir" "$build/bench/bare_indexer" "$dir/passages.tsv" "$dir/bare"
  done
  R[$size,brief_s]=$(cut -d' ' -f1 "$dir/brief-index.runs" | median)
  R[$size,brief_rss]=$(cut -d' ' -f2 "$dir/brief-index.runs" | median)
  R[$size,bare_s]=$(cut -d' ' -f1 "$dir/bare-index.runs" | median)
  R[$size,bare_rss]=$(cut -d' ' -f2 "$dir/bare-index.runs" | median)

  echo "bench: $size: SQLite FTS5" >&2
  rm -f "$dir/fts.db"
  tr '\t\n' '\037\036' <"$dir/passages.tsv" >"$dir/passages.ascii"
  timed fts-index "$dir" sqlite3 "$dir/fts.db" \
    "CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, report UNINDEXED, kind UNINDEXED, text, tokenize='porter unicode61');" \
    ".import --ascii $dir/passages.ascii p"
  rm -f "$dir/passages.ascii"
  R[$size,fts_s]=$(cut -d' ' -f1 "$dir/fts-index.runs" | median)

  R[$size,brief_size]=$(du -sb "$dir/index" | cut -f1)
  R[$size,fts_size]=$(du -sb "$dir/fts.db" | cut -f1)
  R[$size,bare_size]=$(du -sb "$dir/bare" | cut -f1)

  echo "bench: $size: queries ($runs runs each)" >&2
  local idx=$dir/index db=$dir/fts.db txt=$dir/passages.tsv
  local sel="SELECT id, snippet(p, 3, '[', ']', '...', 16), bm25(p) FROM p WHERE p MATCH"
  local b="'$BRIEF' search --index '$idx' --limit 10" qu="quest -d '$idx/current' -m 10"
  Q_ENGINE=()
  Q_CMD=()
  # one word
  q brief "$b covenant"
  q quest "$qu covenant"
  q fts5 "sqlite3 '$db' \"$sel 'covenant' ORDER BY rank LIMIT 10;\""
  q rg "rg -i -w covenant '$txt' | wc -l"
  # several words
  q brief "$b king israel covenant"
  q quest "$qu -o and 'king israel covenant'"
  q fts5 "sqlite3 '$db' \"$sel 'king israel covenant' ORDER BY rank LIMIT 10;\""
  q rg "rg -i -w king '$txt' | rg -i -w israel | rg -i -w covenant | wc -l"
  # a phrase
  q brief "$b '\"children of israel\"'"
  # quest's parser puts a phrase on unstemmed words, which brief's index
  # holds no longer; the prefix z: -> Z makes it look up the same Z-stem
  # positions brief's phrase does (stem = word for these three words).
  q quest "$qu -p z:Z 'z:\"children of israel\"'"
  q fts5 "sqlite3 '$db' \"$sel '\\\"children of israel\\\"' ORDER BY rank LIMIT 10;\""
  q rg "rg -i 'children of israel' '$txt' | wc -l"
  # a facet filter
  q brief "$b --kind bullet covenant"
  q quest "$qu -b kind:XK 'covenant kind:bullet'"
  q fts5 "sqlite3 '$db' \"$sel 'covenant' AND kind = 'bullet' ORDER BY rank LIMIT 10;\""
  q rg "rg -i -w covenant '$txt' | rg -F '	bullet	' | wc -l"
  # facet counts (quest has none: not counted for it)
  q brief "$b --facets covenant"
  q fts5 "sqlite3 '$db' \"$sel 'covenant' ORDER BY rank LIMIT 10;\" \"SELECT kind, count(*) FROM p WHERE p MATCH 'covenant' GROUP BY kind;\" \"SELECT report, count(*) FROM p WHERE p MATCH 'covenant' GROUP BY report;\""
  q rg "rg -i -w covenant '$txt' | cut -f2,3 | sort | uniq -c | wc -l"
  for ((i = 0; i < ${#Q_CMD[@]}; i++)); do
    printf '%s\t%s\n' "${Q_ENGINE[i]}" "${Q_CMD[i]}"
  done >"$dir/queries.tsv"
  mix_run "$dir"
  local e med p95
  for e in brief quest fts5 rg; do
    read -r med p95 < <(stats <"$dir/$e.lat")
    R[$size,${e}_med]=$med
    R[$size,${e}_p95]=$p95
  done
  rm -f "$dir/text.txt"
}

for size in $sizes; do
  run_size "$size"
done

# ---- the table -----------------------------------------------------------------
{
  echo "brief benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB;" \
       "latencies: median / p95 of $runs runs x 5 queries (4 for quest), ms, whole process"
  echo
  echo "| corpus | passages | text MB | brief index MB/s | bare TermGenerator MB/s | brief/bare | brief max RSS MB | bare max RSS MB | FTS5 build MB/s | brief query ms | quest ms | FTS5 ms | rg ms | brief/quest | brief index size / text | FTS5 size / text |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for size in $sizes; do
    t=${R[$size,text]}
    bmbs=$(awk -v b="$t" -v s="${R[$size,brief_s]}" 'BEGIN { printf "%.2f", b / 1e6 / s }')
    xmbs=$(awk -v b="$t" -v s="${R[$size,bare_s]}" 'BEGIN { printf "%.2f", b / 1e6 / s }')
    fmbs=$(awk -v b="$t" -v s="${R[$size,fts_s]}" 'BEGIN { printf "%.2f", b / 1e6 / s }')
    R[$size,bmbs]=$bmbs
    echo "| $size | ${R[$size,passages]} | $(mb "$t") | $bmbs | $xmbs | $(ratio "$bmbs" "$xmbs") |" \
         "$(awk -v k="${R[$size,brief_rss]}" 'BEGIN { printf "%.0f", k / 1024 }') |" \
         "$(awk -v k="${R[$size,bare_rss]}" 'BEGIN { printf "%.0f", k / 1024 }') | $fmbs |" \
         "${R[$size,brief_med]} / ${R[$size,brief_p95]} | ${R[$size,quest_med]} / ${R[$size,quest_p95]} |" \
         "${R[$size,fts5_med]} / ${R[$size,fts5_p95]} | ${R[$size,rg_med]} / ${R[$size,rg_p95]} |" \
         "$(ratio "${R[$size,brief_med]}" "${R[$size,quest_med]}") |" \
         "$(ratio "${R[$size,brief_size]}" "$t") | $(ratio "${R[$size,fts_size]}" "$t") |"
  done
  set -- $sizes
  if [ $# -gt 1 ]; then
    echo
    echo "Growth from one size to the next (x times; text grows by the first column):"
    echo
    echo "| from -> to | text | brief index time | bare index time | brief query | quest | FTS5 | rg | brief index size |"
    echo "|---|---|---|---|---|---|---|---|---|"
    prev=$1; shift
    for size in "$@"; do
      echo "| $prev -> $size | $(ratio "${R[$size,text]}" "${R[$prev,text]}") |" \
           "$(ratio "${R[$size,brief_s]}" "${R[$prev,brief_s]}") | $(ratio "${R[$size,bare_s]}" "${R[$prev,bare_s]}") |" \
           "$(ratio "${R[$size,brief_med]}" "${R[$prev,brief_med]}") | $(ratio "${R[$size,quest_med]}" "${R[$prev,quest_med]}") |" \
           "$(ratio "${R[$size,fts5_med]}" "${R[$prev,fts5_med]}") | $(ratio "${R[$size,rg_med]}" "${R[$prev,rg_med]}") |" \
           "$(ratio "${R[$size,brief_size]}" "${R[$prev,brief_size]}") |"
      prev=$size
    done
  fi
} | tee "$work/results.md"
