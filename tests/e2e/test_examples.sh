# Every documented example works: each `brief ...` line of the README's code
# blocks, of the man page's EXAMPLES and of the examples of `brief --help` and
# `brief help SUBCOMMAND` (every subcommand of src/cli/main.c's table), read
# from the texts themselves, runs as written (pipes included) over a copy of
# the bundled report's index, and finds something: exit 0 and some output.
# An example the text says fails ("exits 1" in the paragraph that introduces
# it) must exit so.
. "$(dirname "$0")/lib.sh"

INDEX=${INDEX:?INDEX must name the e2e index}
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=dumb COLUMNS=100
unset BRIEF_INDEX XDG_DATA_HOME

# ---- the sandbox the examples run in ------------------------------------------
# A folder with corpus/ and index/ (a copy of the e2e index: `brief index
# --shards 4 --rebuild` rebuilds it), a home with ~/reports (a corpus) and
# ~/reports.idx (its index), `brief` on PATH, quote.txt (an exact
# quotation) for `brief verify "$(cat quote.txt)"`, draft.md (a draft whose
# quotations are exact) for `brief check draft.md`, and brief.md, the draft
# of the README's tutorial (its misquotation included) for `brief check
# brief.md`.
SANDBOX=$WORK/sandbox
mkdir -p "$SANDBOX/home" "$SANDBOX/bin" "$SANDBOX/clone"
cp -r "$SOURCE_DIR/corpus" "$SANDBOX/clone/corpus"
cp -r "$SOURCE_DIR/corpus" "$SANDBOX/home/reports"
cp -r "$INDEX" "$SANDBOX/clone/index"
cp -r "$INDEX" "$SANDBOX/home/reports.idx"
ln -s "$BRIEF" "$SANDBOX/bin/brief"
"$BRIEF" passages --index "$INDEX" --format json | jq -r '.[0].text' >"$SANDBOX/clone/quote.txt"
# The files the `brief add` examples take in: the bundled report as received
# (text and the PDF fixture), an HTML report and a Markdown note.
cp "$SOURCE_DIR/corpus/usrok2020/received.txt" "$SANDBOX/clone/renew-elevate-modernize.txt"
cp "$SOURCE_DIR/tests/data/pdf/usrok2020.pdf" "$SANDBOX/clone/renew.pdf"
mkdir -p "$SANDBOX/home/Downloads"
cp "$SOURCE_DIR/tests/data/pdf/usrok2020.pdf" "$SANDBOX/home/Downloads/crs-report.pdf"
cp "$SOURCE_DIR/tests/data/html/energy-brief.html" "$SANDBOX/clone/report.html"
printf '# Alliance notes\n\n## Burden sharing\n\nNotes on the Special Measures Agreement talks and burden sharing.\n' \
  >"$SANDBOX/clone/notes.md"
{
  echo "The report finds that “South Korea today covers approximately 40 percent of the cost"
  echo "of stationing American forces on its soil.”"
  echo
  "$BRIEF" quote --index "$INDEX" --style pandoc rec-p4.1.1
} >"$SANDBOX/clone/draft.md"
awk '/^\*\*8\. Check the whole draft/ { on = 1 } on && /^```markdown/ { copy = 1; next }
     copy && /^```/ { exit } copy' "$SOURCE_DIR/README.md" >"$SANDBOX/clone/brief.md"
[ -s "$SANDBOX/clone/brief.md" ] && ok || not_ok "the README's tutorial draft was not found"

# ---- the examples, from each text ---------------------------------------------
# One line per example: where TAB expected exit status TAB command.

# Prose and example lines (awk): an example is a line that starts with
# "brief " (or "$ brief ", or VAR=value brief); the paragraph before it may
# say how it ends ("exits 1").  In Markdown only lines of code blocks count.
extract() { # extract NAME MARKDOWN(0|1) < text
  awk -v name="$1" -v markdown="$2" '
    function expected(text) {
      return match(text, /exits? [0-9]/) ? substr(text, RSTART + RLENGTH - 1, 1) : 0
    }
    markdown && /^```/ { in_code = !in_code; next }
    {
      line = $0
      sub(/^[ \t]+/, "", line)
      sub(/^\$ /, "", line)
      if ((!markdown || in_code) && line ~ /^([A-Z_]+=[^ ]* )*brief( |$)/) {
        print name ":" NR "\t" expected(paragraph) "\t" line
        next
      }
      if (in_code) next
      if (line == "") { ended = 1; next }
      if (ended) paragraph = ""
      ended = 0
      paragraph = paragraph " " line
    }'
}

# The examples of a help text: the lines after "examples:"; a run of two
# spaces ends the command (what follows describes it).
help_examples() { # help_examples NAME < text
  awk '/^examples:/ { on = 1; next } on' | sed -E 's/^ +//; s/  +[^"]*$//' | extract "$1" 0
}

extract README.md 1 <"$SOURCE_DIR/README.md" >"$WORK/examples"
groff -man -Tutf8 -P-c -P-b -P-u -rLL=200n "$SOURCE_DIR/man/brief.1" 2>/dev/null |
  awk '/^EXAMPLES/ { on = 1; next } /^[A-Z]/ { on = 0 } on' |
  extract man/brief.1 0 >>"$WORK/examples"
"$BRIEF" --help | help_examples "brief --help" >>"$WORK/examples"
for sub in $(sed -n 's/^ *{"\([a-z]*\)", cmd_.*/\1/p' "$SOURCE_DIR/src/cli/main.c"); do
  "$BRIEF" help "$sub" | help_examples "brief help $sub" >>"$WORK/examples"
done

# The query examples of the query-language tables, each run as
# `brief search 'QUERY'`.
as_searches() { # as_searches NAME < one query a line (with its line number)
  while IFS=$'\t' read -r line query; do
    [ -n "$query" ] && printf "%s:%s\t0\tbrief search '%s'\n" "$1" "$line" \
                                "${query//\'/\'\\\'\'}"
  done
}
# README: the code spans of the first column of the "you type" table under
# "Query language" (the section's other tables name fields, not queries).
awk '/^#+ / { on = /Query language/; next }
     on && /^\| you type/ { table = 1; next }
     !/^\|/ { table = 0 }
     on && table && /^\| `/ { split($0, cells, "|"); n = split(cells[2], parts, "`")
                     for (i = 2; i <= n; i += 2) print NR "\t" parts[i] }' \
  "$SOURCE_DIR/README.md" | as_searches "README.md (query language)" >>"$WORK/examples"
# man: the tags of QUERY LANGUAGE (a line followed by a more indented one),
# split at ", ".
groff -man -Tutf8 -P-c -P-b -P-u -rLL=200n "$SOURCE_DIR/man/brief.1" 2>/dev/null |
  awk '/^[A-Z]/ { on = /^QUERY LANGUAGE/; next }
       on && match($0, /^ */) && RLENGTH > indent && tag != "" {
         n = split(tag, parts, ", "); for (i = 1; i <= n; i++) print tag_line "\t" parts[i] }
       on { match($0, /^ */); indent = RLENGTH; tag = $0; tag_line = NR; sub(/^ +/, "", tag)
            if ($0 ~ /^ *$/) tag = "" }' |
  as_searches "man/brief.1 (QUERY LANGUAGE)" >>"$WORK/examples"
# --help: the lines of "query language" up to the prose after them; the first
# column, and the field filters (field:value) beside it.
for sub in search facets; do
  "$BRIEF" help "$sub" |
    awk '/^query language/ { on = 1; next } on && !/^  / { on = 0 }
         on { n = split(substr($0, 3), parts, /  +/); print NR "\t" parts[1]
              for (i = 2; i <= n; i++) if (parts[i] ~ /^[a-z]+:[^ ]/) print NR "\t" parts[i] }' |
    as_searches "brief help $sub (query language)" >>"$WORK/examples"
done

count() { grep -c "^$1" "$WORK/examples"; }
for source in README.md man/brief.1 "brief --help" "brief help search" "brief help index" \
              "brief help facets" "brief help complete" "brief help verify" \
              "README.md (query language)" "man/brief.1 (QUERY LANGUAGE)" \
              "brief help search (query language)"; do
  [ "$(count "$source:")" -ge 2 ] && ok || not_ok "fewer than 2 examples read from $source"
done

# ---- run each ---------------------------------------------------------------

ran=0
while IFS=$'\t' read -r where want command; do
  (cd "$SANDBOX/clone" &&
   HOME=$SANDBOX/home XDG_DATA_HOME=$SANDBOX/home/.local/share PATH="$SANDBOX/bin:$PATH" \
     timeout "$(slow 60)" bash -o pipefail -c "$command") >"$WORK/out" 2>"$WORK/err" </dev/null
  status=$?
  ran=$((ran + 1))
  if [ "$status" -ne "$want" ]; then
    not_ok "$where: $command: exit $status, the text says $want ($(head -c 300 "$WORK/err"))"
  elif [ "$want" -eq 0 ] && [ ! -s "$WORK/out" ]; then
    not_ok "$where: $command: exit 0 but printed nothing"
  else
    ok
  fi
done <"$WORK/examples"
# Every result of a search example shows its match: a result whose whole
# passage marks a query word (--snippet 0) marks one in its snippet too.
# The search examples without a pipe or a format of their own, as JSON.
hidden_total=0 searched=0
while IFS=$'\t' read -r where want command; do
  case $command in
    "brief search "*) ;;
    *) continue ;;
  esac
  case $command in *"|"* | *--format* | *--json* | *" -f "*) continue ;; esac
  [ "$want" -eq 0 ] || continue
  rest=${command#brief search }
  marks() { # marks [--snippet N]: "id count" per result
    (cd "$SANDBOX/clone" &&
     HOME=$SANDBOX/home XDG_DATA_HOME=$SANDBOX/home/.local/share PATH="$SANDBOX/bin:$PATH" \
       bash -c "brief search --format json $* $rest" </dev/null 2>/dev/null) |
      jq -r '.results[] | "\(.id) \(.highlights | length)"'
  }
  hidden=$(join <(marks --snippet 0 | awk '$2 > 0' | sort) <(marks | sort) | awk '$3 == 0 { print $1 }')
  searched=$((searched + 1))
  if [ -n "$hidden" ]; then
    hidden_total=$((hidden_total + $(echo "$hidden" | wc -l)))
    not_ok "$where: $command: the snippet hides the match in $(echo $hidden)"
  else
    ok
  fi
done <"$WORK/examples"
[ "$searched" -ge 20 ] && ok || not_ok "only $searched search examples checked for their snippets"
echo "examples: $searched search examples, $hidden_total results whose snippet hides the match" >&2

# EXAMPLES_LIST=FILE keeps the list of examples read (where, status, command).
[ -n "${EXAMPLES_LIST:-}" ] && cp "$WORK/examples" "$EXAMPLES_LIST"
[ "$ran" -ge 40 ] && ok || not_ok "only $ran examples ran"

finish
