# Shards on several servers: `brief index --shards 2` splits the passages
# over two databases; two xapian-tcpsrv servers on 127.0.0.1 serve them; a
# stub of `remote` lines (and the local metadata database) searches them as
# one index.  The ranking, facet counts and snippets are those of the same
# shards opened locally and of one unsharded index of the same passages;
# the vocabulary (synonyms, acronyms) and spelling suggestions still work,
# as they come from the local metadata database.  Bounded in time: every
# server is started under `timeout` and killed, by its pid, at the end.
. "$(dirname "$0")/lib.sh"

if ! command -v xapian-tcpsrv >/dev/null; then
  echo "xapian-tcpsrv is not installed (Debian package xapian-tools)" >&2
  not_ok "xapian-tcpsrv is missing"
  finish
  exit 1
fi

corpus=$WORK/corpus
mkdir -p "$corpus/usrok2020" "$corpus/second"
cp "$SOURCE_DIR"/corpus/*.tsv "$corpus"/
cp "$SOURCE_DIR/corpus/usrok2020/report.md" "$corpus/usrok2020/"
# A second report: the first half of the same edition under another id,
# so the two reports' passages weigh differently.
lines=$(wc -l <"$SOURCE_DIR/corpus/usrok2020/report.md")
head -n $((lines / 2)) "$SOURCE_DIR/corpus/usrok2020/report.md" |
  sed -e '0,/^id: .*/s//id: second/' >"$corpus/second/report.md"

run index --corpus "$corpus" --index "$WORK/sharded" --shards 2
expect_status 0 "brief index --shards 2"
expect_out "2 shards" "the summary names the shards"
run index --corpus "$corpus" --index "$WORK/single"
expect_status 0 "one unsharded index of the same corpus"
gen=$(sed -n '1s#^glass \(gen-[^/]*\)/meta$#\1#p' "$WORK/sharded/current")
[ -n "$gen" ] && ok || not_ok "current names a generation: $(cat "$WORK/sharded/current")"
shard1=$WORK/sharded/$gen/shard-1
shard2=$WORK/sharded/$gen/shard-2
meta=$WORK/sharded/$gen/meta
n1=$(xapian-delve "$shard1" 2>/dev/null | sed -n 's/^number of documents = //p')
n2=$(xapian-delve "$shard2" 2>/dev/null | sed -n 's/^number of documents = //p')
[ "${n1:-0}" -gt 50 ] && [ "${n2:-0}" -gt 50 ] && ok ||
  not_ok "both shards hold passages: $n1 and $n2"

# Two servers on loopback, on free ports; each dies by itself after 120 s.
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
start_server() { # start_server DB -> sets port
  local db=$1 try
  for try in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 20000))
    timeout "$(slow 120)" xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$db" \
      >"$WORK/srv-$port.log" 2>&1 &
    local pid=$!
    local waited
    for waited in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
      if grep -q "Listening" "$WORK/srv-$port.log" 2>/dev/null; then
        pids+=("$pid")
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  return 1
}
start_server "$shard1" && port1=$port || not_ok "the first server did not start: $(cat "$WORK"/srv-*.log)"
start_server "$shard2" && port2=$port || not_ok "the second server did not start"

stub=$WORK/remote.stub
{
  echo "glass $meta"
  echo "remote 127.0.0.1:${port1:-1}"
  echo "remote 127.0.0.1:${port2:-1}"
} >"$stub"
local_stub=$WORK/local.stub
printf 'glass %s\nglass %s\nglass %s\n' "$meta" "$shard1" "$shard2" >"$local_stub"

# search_json INDEX ARGS...: the JSON of a search (exit status kept).
search_json() {
  local idx=$1
  shift
  "$BRIEF" search --index "$idx" --format json "$@" 2>"$WORK/err"
}
# A result list without what may differ between equal results: the rank
# of equal scores, the score's last digits.
norm() {
  jq -S '{total, partial, corrected, suggestion, facets,
          results: [.results[] | {id, score: (.score * 1e6 | round),
                                  snippet, highlights, citation}] | sort_by(-.score, .id)}'
}

for query in "special measures agreement" "burden sharing" '"South Korea"' cyber \
             "trade OR investment" "alliance --pillar 4" "--kind recommendation cyber"; do
  # shellcheck disable=SC2086
  set -- $query
  remote=$(search_json "$stub" --facets --limit 30 "$@")
  st=$?
  expect_eq "$st" 0 "remote search for '$query' exits 0 ($(cat "$WORK/err"))"
  here=$(search_json "$local_stub" --facets --limit 30 "$@")
  single=$(search_json "$WORK/single" --facets --limit 30 "$@")
  expect_eq "$(jq -c '[.results[] | [.id, .score, .snippet]]' <<<"$remote")" \
            "$(jq -c '[.results[] | [.id, .score, .snippet]]' <<<"$here")" \
            "'$query': the remote shards rank as the same shards opened locally"
  expect_eq "$(norm <<<"$remote")" "$(norm <<<"$single")" \
            "'$query': ranking, facet counts and snippets as one unsharded index"
  [ "$(jq '.results | length' <<<"$remote")" -gt 0 ] && ok || not_ok "'$query' finds passages remotely"
done

# The vocabulary: ROK finds South Korea, an acronym its long form.
for query in ROK SMA; do
  expect_eq "$(search_json "$stub" "$query" --limit 50 | jq -c '[.total, [.results[].id]]')" \
            "$(search_json "$WORK/sharded" "$query" --limit 50 | jq -c '[.total, [.results[].id]]')" \
            "the vocabulary works over remote shards ($query)"
done
[ "$(search_json "$stub" ROK | jq '.total')" -gt 0 ] && ok || not_ok "ROK finds passages remotely"

# Spelling: the suggestion and the corrected search, from the local table.
r=$(search_json "$stub" "allaince")
expect_eq "$(jq -r '.suggestion' <<<"$r")" "alliance" "did you mean, over remote shards"
expect_eq "$(jq -r '.corrected' <<<"$r")" "$(search_json "$WORK/single" "allaince" | jq -r '.corrected')" \
  "the corrected search, as with one index"
[ "$(jq '.results | length' <<<"$r")" -gt 0 ] && ok || not_ok "the corrected search finds passages"

# show and quote by id reach a remote shard.
id=$(search_json "$stub" "special measures agreement" --limit 1 | jq -r '.results[0].id')
run show --index "$stub" "$id"
expect_status 0 "brief show $id over remote shards"

# A server gone: a clear error, not a crash.
kill "${pids[1]}" 2>/dev/null
wait "${pids[1]}" 2>/dev/null
run search --index "$stub" alliance
expect_status 2 "a search with a shard's server down fails"
expect_err "." "and says why"
finish
