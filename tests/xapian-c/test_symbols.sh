#!/bin/bash
# libxapian-c exports exactly the functions its header declares, as notmuch's
# test/T000-basic checks its own library: nothing declared is missing from
# the shared library, and nothing exported is undeclared (a function kept
# for no caller, or a C++ symbol leaking past xapian-c.map).
# Usage: test_symbols.sh LIBRARY HEADER
set -euo pipefail
export LC_ALL=C
lib=$1 header=$2
for tool in nm cc; do
  command -v "$tool" >/dev/null || { echo "test_symbols: $tool not found" >&2; exit 2; }
done

# Declared: every xc_ name followed by "(" once comments are gone (the
# preprocessor drops them; a function-pointer typedef, "(*xc_term_fn)(",
# does not match).
declared=$(cc -E -P -x c "$header" | grep -o '\bxc_[a-z0-9_]*[[:space:]]*(' |
           tr -d '( \t' | sort -u)
# Exported: defined dynamic symbols of any kind (text, data).
exported=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sort -u)

[ -n "$declared" ] || { echo "test_symbols: no declaration found in $header" >&2; exit 1; }
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
extra=$(comm -13 <(echo "$declared") <(echo "$exported"))
status=0
if [ -n "$missing" ]; then
  echo "declared in $(basename "$header") but not exported:" $missing >&2
  status=1
fi
if [ -n "$extra" ]; then
  echo "exported by $(basename "$lib") but not declared:" $extra >&2
  status=1
fi
[ $status -eq 0 ] && echo "ok: $(echo "$declared" | wc -l) functions declared and exported"
exit $status
