#!/usr/bin/env bash
# From a fresh clone to a real search: installs what is missing, builds,
# indexes the bundled report and searches it.
#   ./scripts/demo.sh                    searches for "burden sharing"
#   ./scripts/demo.sh sanctions china    searches for your words
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
./build/brief index
if [ $# -eq 0 ]; then set -- burden sharing; fi
echo
echo "\$ brief search $*"
./build/brief search --limit 5 "$@"
