#!/usr/bin/env bash
# Relevance, measured: builds brief and the evaluator (when needed), indexes
# the bundled report afresh and prints nDCG@10, MRR, P@5 and R@10 of brief
# and of two SQLite FTS5 (bm25) baselines over the judged queries of tests/relevance/ as
# Markdown tables.  See tests/relevance/README.md.
#   ./scripts/relevance.sh               the tables
#   ./scripts/relevance.sh --verbose     and a row per query
#   ./scripts/relevance.sh --runs        and the ranked lists of every query
#   BUILD_DIR=build-x ./scripts/relevance.sh   another build folder (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
build=${BUILD_DIR:-build}
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target brief relevance_eval >/dev/null
index=$build/relevance-index
rm -rf "$index"
"$build/brief" index --quiet --corpus corpus --index "$index"
exec "$build/tests/relevance_eval" --brief "$build/brief" --index "$index" \
  --queries tests/relevance/queries.tsv "$@"
