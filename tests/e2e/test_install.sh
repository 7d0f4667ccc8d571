# `cmake --install` into a temporary prefix: the installed brief works from
# any folder (its index through --index, BRIEF_INDEX or the XDG data folder,
# its corpus from the prefix), and another C program builds and runs against
# the installed libxapian-c through pkg-config.
. "$(dirname "$0")/lib.sh"

BUILD_DIR=${BUILD_DIR:?BUILD_DIR must name the build folder}
P=$WORK/prefix
cmake --install "$BUILD_DIR" --prefix "$P" >"$WORK/install.log" 2>&1
status=$?
err=$(tail -5 "$WORK/install.log")
expect_status 0 "cmake --install --prefix"

# What is installed.
has() { # has PATH description
  if [ -e "$P/$1" ]; then ok; else not_ok "$2: no $P/$1"; fi
}
has bin/brief "the program"
has include/xapian-c.h "the wrapper's header"
has share/man/man1/brief.1 "the manual"
has share/bash-completion/completions/brief "bash completion"
has share/zsh/site-functions/_brief "zsh completion"
has share/brief/corpus/usrok2020/report.md "the bundled report"
has share/brief/corpus/agencies.tsv "the gazetteer"
# The jemalloc build that `brief index` runs, when this build made one.
if [ -x "$BUILD_DIR/brief-indexer" ]; then
  has libexec/brief/brief-indexer "the indexing build"
  # The installed brief runs the installed one (strace, when there is one).
  if command -v strace >/dev/null; then
    strace -f -e trace=execve -o "$WORK/exec.log" "$P/bin/brief" index \
      --corpus "$P/share/brief/corpus" --index "$WORK/traced-index" --quiet
    grep -q "libexec/brief/brief-indexer" "$WORK/exec.log" && ok ||
      not_ok "the installed brief index runs the installed brief-indexer"
  fi
fi
pc=$(find "$P" -name libxapian-c.pc | head -1)
[ -n "$pc" ] && ok || not_ok "no libxapian-c.pc under $P"
libdir=$(dirname "$(dirname "${pc:-$P/lib/pkgconfig/x}")")
lib=$(ls "$libdir"/libxapian-c.so.* 2>/dev/null | head -1)
[ -n "$lib" ] && ok || not_ok "no libxapian-c.so.* in $libdir"
[ -L "$libdir/libxapian-c.so" ] && ok || not_ok "no libxapian-c.so link for -lxapian-c"

# The library exports its C API and nothing else.
others=$(nm -D --defined-only "$lib" 2>/dev/null | awk 'NF == 3 && $2 ~ /[TDBRVW]/ {print $3}' |
         grep -v '^xc_' | head -3)
expect_eq "$others" "" "libxapian-c exports only xc_* symbols"
[ "$(nm -D --defined-only "$lib" | grep -c ' T xc_')" -gt 50 ] && ok ||
  not_ok "libxapian-c exports its xc_* functions"

# The installed brief, from a folder with no corpus/ or index/ in it.
B=$P/bin/brief
mkdir -p "$WORK/elsewhere"
cd "$WORK/elsewhere" || exit 2
unset BRIEF_INDEX
export XDG_DATA_HOME=$WORK/xdg
ib() { # ib ARGS...: runs the installed brief as run() runs the built one
  "$B" "$@" >"$WORK/out" 2>"$WORK/err"
  status=$?
  out=$(cat "$WORK/out")
  err=$(cat "$WORK/err")
}
ib --version
expect_status 0 "installed brief --version"
expect_out "^brief [0-9]+\.[0-9]+\.[0-9]+ \(xapian-core 1\.4" "installed --version"

ib search burden sharing
expect_status 2 "no index yet"
expect_err "no index at $WORK/xdg/brief/index: build it with 'brief index --index $WORK/xdg/brief/index'" \
  "the missing index is named, with how to build it"

ib index --quiet
expect_status 0 "index the installed corpus into the XDG data folder"
expect_eq "$out$err" "" "index --quiet, piped: silent"
[ -f "$WORK/xdg/brief/index/current" ] && ok || not_ok "the index is in \$XDG_DATA_HOME/brief/index"

ib search burden sharing --format json
expect_status 0 "search the XDG index"
expect_eq "$(jqo '.results[0].id')" "usrok2020:rec-p4.1.1" "the XDG index finds the report"

ib quote --style chicago rec-p4.1.1
expect_status 0 "quote from the installed brief"
expect_out "Renew, Elevate, Modernize" "chicago citation"

# BRIEF_INDEX wins over XDG; --index wins over BRIEF_INDEX.
BRIEF_INDEX=$WORK/nowhere ib search burden
expect_status 2 "BRIEF_INDEX is used before the XDG folder"
expect_err "no index at $WORK/nowhere" "BRIEF_INDEX named in the error"
BRIEF_INDEX=$WORK/nowhere ib --index "$WORK/xdg/brief/index" search burden
expect_status 0 "--index before BRIEF_INDEX"
BRIEF_INDEX=$WORK/xdg/brief/index XDG_DATA_HOME=$WORK/empty ib search burden
expect_status 0 "BRIEF_INDEX alone"
BRIEF_INDEX=$WORK/nowhere ib search --index "$WORK/xdg/brief/index" burden
expect_status 0 "a subcommand's --index before BRIEF_INDEX"

# The manual.
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man -l "$P/share/man/man1/brief.1" >"$WORK/out" 2>"$WORK/err"
  status=$?
  expect_status 0 "man -l brief.1"
  for section in NAME SYNOPSIS "QUERY LANGUAGE" FILTERS "OUTPUT FORMATS" \
                 "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
    expect_out "^$section" "the manual has $section"
  done
  for sub in index search facets show quote verify passages help; do
    expect_out "^ +brief $sub" "the manual covers brief $sub"
  done
  expect_out "BRIEF_INDEX" "the manual names BRIEF_INDEX"
  expect_out "NO_COLOR" "the manual names NO_COLOR"
  expect_out "XDG_DATA_HOME" "the manual names XDG_DATA_HOME"
  MANPATH=$P/share/man man -w brief >"$WORK/out" 2>"$WORK/err"
  status=$?
  expect_status 0 "man finds brief(1) under the prefix"
fi
if command -v groff >/dev/null 2>&1; then
  warnings=$(groff -man -Tutf8 -ww -z "$P/share/man/man1/brief.1" 2>&1)
  expect_eq "$warnings" "" "the manual has no roff warnings"
fi

# pkg-config and a C program against the installed libxapian-c.
export PKG_CONFIG_PATH=$(dirname "${pc:-$P/x}")
expect_eq "$(pkg-config --modversion libxapian-c 2>&1)" "$("$B" --version |
  sed 's/^brief \([^ ]*\).*/\1/')" "pkg-config --modversion"
flags=$(pkg-config --cflags --libs libxapian-c 2>&1)
case $flags in
  *"-I$P/include"*"-L$libdir"*"-lxapian-c"*) ok ;;
  *) not_ok "pkg-config --cflags --libs: $flags" ;;
esac
case $(pkg-config --print-requires-private libxapian-c) in
  *xapian-core*) ok ;;
  *) not_ok "Requires.private names xapian-core" ;;
esac
case $(pkg-config --static --libs libxapian-c) in
  *-lxapian*-lstdc++*) ok ;;
  *) not_ok "--static --libs has xapian and the C++ runtime" ;;
esac

cat >"$WORK/hello.c" <<'EOF'
/* A program of its own over libxapian-c: index two documents, find one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xapian-c.h>

static int check(xc_status st, char *error)
{
    if (st == XC_OK)
        return 1;
    fprintf(stderr, "hello: %s: %s\n", xc_status_name(st), error ? error : "?");
    free(error);
    exit(2);
}

int main(int argc, char **argv)
{
    (void)argc;
    char *error = NULL;
    xc_writable *w = NULL;
    check(xc_writable_open(argv[1], XC_CREATE_OR_OVERWRITE, 0, &w, &error), error);
    const char *texts[] = {"burden sharing talks", "trade and investment"};
    for (int i = 0; i < 2; i++) {
        xc_document *doc = NULL;
        check(xc_document_new(&doc, &error), error);
        check(xc_document_add_boolean_term(doc, i ? "trade" : "burden", &error), error);
        check(xc_document_set_data(doc, texts[i], strlen(texts[i]), &error), error);
        check(xc_writable_add_document(w, doc, NULL, &error), error);
        xc_document_free(doc);
    }
    check(xc_writable_commit(w, &error), error);
    xc_writable_free(w);

    xc_database *db = NULL;
    xc_query *q = NULL;
    xc_enquire *enq = NULL;
    xc_mset *mset = NULL;
    uint32_t docs = 0, matches = 0;
    check(xc_database_open_glass(argv[1], &db, &error), error);
    check(xc_database_doccount(db, &docs, &error), error);
    check(xc_query_term("trade", &q, &error), error);
    check(xc_enquire_new(db, &enq, &error), error);
    check(xc_enquire_set_query(enq, q, &error), error);
    check(xc_enquire_run(enq, 0, 10, docs, &mset, &error), error);
    check(xc_mset_matches_estimated(mset, &matches, &error), error);
    printf("xapian %s: %u documents, %u match trade\n", xc_xapian_version(),
           (unsigned)docs, (unsigned)matches);
    xc_mset_free(mset);
    xc_enquire_free(enq);
    xc_query_free(q);
    xc_database_free(db);
    return 0;
}
EOF
# A sanitized build's library needs the sanitizer runtime in the program too.
sanitize=
grep -q '^BRIEF_SANITIZE:BOOL=ON' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null &&
  sanitize="-fsanitize=address,undefined"
# shellcheck disable=SC2086,SC2046
cc -std=c11 -Wall -Wextra -Werror $sanitize -o "$WORK/hello" "$WORK/hello.c" \
  $(pkg-config --cflags --libs libxapian-c) >"$WORK/out" 2>"$WORK/err"
status=$?
err=$(cat "$WORK/err")
expect_status 0 "cc hello.c \$(pkg-config --cflags --libs libxapian-c)"
LD_LIBRARY_PATH=$libdir "$WORK/hello" "$WORK/hello.db" >"$WORK/out" 2>"$WORK/err"
status=$?
err=$(cat "$WORK/err")
expect_status 0 "the program runs against the installed library"
expect_out "^xapian 1\.4\.[0-9]+: 2 documents, 1 match trade$" "the program's search"
finish
