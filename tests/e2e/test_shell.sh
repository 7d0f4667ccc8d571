# brief in the shell: help texts, --version, the hidden `brief complete`,
# bash and zsh completion, the facet chart (text and JSON), and the
# progress bar of `brief index` (on a terminal only).
. "$(dirname "$0")/lib.sh"

INDEX=${INDEX:?INDEX must name the e2e index}
SUBCOMMANDS="index add search show quote verify passages facets help"
export LC_ALL=C.UTF-8

# ---- help ---------------------------------------------------------------------

run --help
expect_status 0 "brief --help"
for sub in $SUBCOMMANDS; do
  expect_out "^  $sub +[a-z]" "brief --help lists $sub"
done
expect_no_out "^  complete" "brief --help does not list the hidden complete"
expect_out "brief --version" "brief --help names --version"
for sub in $SUBCOMMANDS; do
  run "$sub" --help
  expect_status 0 "brief $sub --help"
  expect_out "^usage: brief $sub" "brief $sub --help: usage line"
  expect_out "^examples:" "brief $sub --help has examples"
  expect_out "^  brief $sub" "brief $sub --help: an example of $sub"
  by_flag=$out
  run help "$sub"
  expect_status 0 "brief help $sub"
  expect_eq "$out" "$by_flag" "brief help $sub = brief $sub --help"
  run "$sub" -h
  expect_eq "$out" "$by_flag" "brief $sub -h = brief $sub --help"
done
run help nosuch
expect_status 2 "brief help nosuch"
expect_err "no subcommand 'nosuch'" "brief help nosuch says so"
run
expect_status 2 "brief with no subcommand"
expect_err "^usage: brief" "brief alone prints the usage on stderr"
run facets --bogus
expect_status 2 "an unknown option of facets"
expect_err "unknown option '--bogus'" "the option is named"

# ---- version -------------------------------------------------------------------

version=$(sed -n 's/^project(brief VERSION \([0-9.]*\).*/\1/p' "$SOURCE_DIR/CMakeLists.txt")
for flag in --version -V; do
  run "$flag"
  expect_status 0 "brief $flag"
  expect_out "^brief $version \(xapian-core 1\.4\.[0-9]+\)$" "brief $flag: brief's and Xapian's"
done

# ---- brief complete -------------------------------------------------------------

run complete subcommands
expect_eq "$(echo $out)" "$SUBCOMMANDS" "complete subcommands"
run --index "$INDEX" complete pillars
expect_eq "$(echo $out)" "1 2 3 4 5 6 none" "complete pillars"
run complete --index "$INDEX" agencies
expect_status 0 "complete agencies"
expect_out "^U\.S\. Department of State$" "agencies: a canonical name"
expect_out "^State Department$" "agencies: an alias"
run complete --index "$INDEX" actors
expect_out "^Seoul$" "actors"
run complete --index "$INDEX" kinds
expect_out "^recommendation$" "kinds: recommendation"
expect_out "^bullet$" "kinds: bullet"
expect_out "^pullquote$" "kinds: pullquote"
run complete --index "$INDEX" reports
expect_eq "$out" "usrok2020" "complete reports"
run complete --index "$INDEX" ids
expect_out "^rec-p4\.1\.1$" "complete ids: short passage ids"
expect_eq "$(echo "$out" | wc -l)" "$(echo "$out" | sort -u | wc -l)" "ids once each"
run complete bogus
expect_status 2 "complete bogus"
run complete --index "$WORK/none" agencies
expect_status 2 "complete without an index"
expect_eq "$out" "" "nothing on stdout without an index"

# ---- bash completion ----------------------------------------------------------

# comp WORDS...: COMPREPLY for the last word, one a line, in $WORK/comp.
comp() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _brief
  printf '%s\n' "${COMPREPLY[@]}" >"$WORK/comp"
}
has_reply() { # has_reply EXACT description
  if grep -Fxq -- "$1" "$WORK/comp"; then ok; else
    not_ok "$2: no '$1' in: $(tr '\n' '|' <"$WORK/comp")"
  fi
}
no_reply() {
  if grep -Fxq -- "$1" "$WORK/comp"; then not_ok "$2: '$1' offered"; else ok; fi
}

if ! . "$SOURCE_DIR/completion/brief.bash"; then
  not_ok "completion/brief.bash does not source"
else
  [ "$(complete -p brief 2>/dev/null)" = "complete -F _brief brief" ] && ok ||
    not_ok "brief.bash registers _brief for brief"
  comp "$BRIEF" ""
  for sub in $SUBCOMMANDS; do has_reply "$sub" "bash: subcommand $sub"; done
  no_reply complete "bash: the hidden subcommand is not offered"
  comp "$BRIEF" se
  expect_eq "$(cat "$WORK/comp")" "search" "bash: se -> search"
  comp "$BRIEF" --
  has_reply --index "bash: global --index"
  has_reply --version "bash: --version"
  comp "$BRIEF" search --
  for flag in --pillar --agency --actor --kind --section --report --facets --sort \
              --format --limit --index --help; do
    has_reply "$flag" "bash: search $flag"
  done
  comp "$BRIEF" facets --l
  expect_eq "$(cat "$WORK/comp")" "--limit" "bash: facets --l -> --limit"
  comp "$BRIEF" quote --style ""
  expect_eq "$(echo $(cat "$WORK/comp"))" "markdown plain chicago" "bash: quote styles"
  comp "$BRIEF" facets --format ""
  expect_eq "$(echo $(cat "$WORK/comp"))" "text json" "bash: facets formats"
  comp "$BRIEF" help s
  expect_eq "$(echo $(cat "$WORK/comp"))" "search show" "bash: help s"

  # Values from the index: the --index on the line, wherever it is.
  comp "$BRIEF" search --index "$INDEX" --agency "U.S. Dep"
  has_reply 'U.S.\ Department\ of\ State' "bash: an agency, quoted for the line"
  comp "$BRIEF" --index "$INDEX" search --agency '"U.S. Dep'
  has_reply "U.S. Department of State" "bash: an agency after an open quote"
  comp "$BRIEF" --index "$INDEX" facets --agency state
  has_reply 'State\ Department' "bash: agencies in any case, aliases too"
  comp "$BRIEF" search --index = "$INDEX" --pillar ""
  expect_eq "$(echo $(cat "$WORK/comp"))" "1 2 3 4 5 6 none" "bash: pillars, --index=DIR"
  comp "$BRIEF" search -i "$INDEX" --actor Seo
  expect_eq "$(cat "$WORK/comp")" "Seoul" "bash: actors, -i DIR"
  comp "$BRIEF" search --index "$INDEX" --kind rec
  expect_eq "$(cat "$WORK/comp")" "recommendation" "bash: kinds"
  comp "$BRIEF" facets --index "$INDEX" --report ""
  expect_eq "$(cat "$WORK/comp")" "usrok2020" "bash: reports"
  comp "$BRIEF" --index "$INDEX" show rec-p4.1.
  expect_eq "$(echo $(cat "$WORK/comp"))" "rec-p4.1.1 rec-p4.1.2" "bash: passage ids"
  BRIEF_INDEX=$INDEX comp "$BRIEF" search --agency "U.S. Dep"
  has_reply 'U.S.\ Department\ of\ State' "bash: the index through BRIEF_INDEX"
  comp "$BRIEF" search --index "$WORK/none" --agency ""
  expect_eq "$(cat "$WORK/comp")" "" "bash: no index, no values, no noise"
fi

# ---- zsh completion ----------------------------------------------------------

if command -v zsh >/dev/null 2>&1; then
  zsh -n "$SOURCE_DIR/completion/_brief" && ok || not_ok "zsh: _brief does not parse"
  # The completions an interactive zsh offers for a line (through zpty,
  # with compadd reporting what it is given).
  cat >"$WORK/zcomp.zsh" <<'EOF'
zmodload zsh/zpty
dir=$1 line=$2
zpty z zsh -f -i
zpty -w z 'PS1="" PROMPT="" RPROMPT=""'
zpty -w z "fpath=(${(q)dir} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'compadd() { local -a __hits; builtin compadd -O __hits "$@"; (( $#__hits )) && print -l -- "<hit>"${^__hits}; builtin compadd "$@" }'
# Tab completes, then says so: nothing is typed ahead while it runs (zsh
# cuts a completion short when there is).
zpty -w z 'tab() { zle complete-word; print "<en""d>" >/dev/tty }; zle -N tab; bindkey "^I" tab'
zpty -w z 'zstyle ":completion:*" menu no'
zpty -w z 'print "<rea""dy>"'
while zpty -r z l; do [[ $l == *'<ready>'* ]] && break; done
zpty -n -w z "$line"$'\t'
out=()
while zpty -r z l; do
  [[ $l == *'<hit>'* ]] && out+=(${${l#*<hit>}%%$'\r'*})
  [[ $l == *'<end>'* ]] && break
done
zpty -d z
print -l -- ${(u)out}
EOF
  mkdir -p "$WORK/bin"
  ln -s "$BRIEF" "$WORK/bin/brief"
  zcomp() { # zcomp LINE: completions, one a line, in $WORK/comp
    PATH=$WORK/bin:$PATH timeout "$(slow 30)" zsh -f "$WORK/zcomp.zsh" "$SOURCE_DIR/completion" \
      "$1" >"$WORK/comp" 2>/dev/null
  }
  zcomp "brief "
  for sub in $SUBCOMMANDS; do has_reply "$sub" "zsh: subcommand $sub"; done
  zcomp "brief search --ag"
  has_reply --agency "zsh: search --agency"
  zcomp "brief --index $INDEX search --agency U.S.\\ Dep"
  has_reply "U.S. Department of State" "zsh: an agency from the index"
  zcomp "brief search --index $INDEX --pillar "
  expect_eq "$(echo $(cat "$WORK/comp"))" "1 2 3 4 5 6 none" "zsh: pillars, --index after"
  zcomp "brief --index $INDEX quote rec-p4.1."
  expect_eq "$(echo $(cat "$WORK/comp"))" "rec-p4.1.1 rec-p4.1.2" "zsh: passage ids"
  zcomp "brief quote --style "
  expect_eq "$(echo $(cat "$WORK/comp"))" "markdown plain chicago" "zsh: quote styles"
else
  echo "zsh is not installed: zsh completion not tested" >&2
fi

# ---- the facet chart ----------------------------------------------------------

run --index "$INDEX" search --facets --format json --limit 0 burden sharing
search_total=$(jqo .total)
search_agencies=$(jqo '[.facets.agency[] | "\(.value)=\(.count)"] | sort | join(",")')
# One shape for both commands: a pillar is a number, or null for none.
shape='[.facets[][] | "\(.value | type)"] | unique | join(" ")'
pillars='[.facets.pillar[] | select(.count > 0) | "\(.value)=\(.count)"] | sort | join(",")'
expect_eq "$(jqo "$shape")" "null number string" "search --facets: pillar numbers or null"
search_pillars=$(jqo "$pillars")

run --index "$INDEX" facets --format json
expect_status 0 "facets --format json (the whole index)"
expect_eq "$(jqo '[.facets.pillar[].value | tostring] | join(" ")')" "1 2 3 4 5 6 null" \
  "JSON: pillars 1-6 in order, then none (null)"
expect_eq "$(jqo '([.facets.pillar[].count] | add) == .total')" "true" \
  "JSON: the pillars add up to the passages"
expect_eq "$(jqo '.total == .passages and .total > 100')" "true" "JSON: the whole index"
for f in agency actor kind; do
  expect_eq "$(jqo "[.facets.$f[].count] | . == (sort | reverse)")" "true" \
    "JSON: $f by count, largest first"
done
expect_eq "$(jqo '.facets.agency | length > 20')" "true" "JSON: every agency (no limit)"
whole=$(jqo .total)

run --index "$INDEX" facets burden sharing --json
expect_status 0 "facets QUERY --json"
expect_eq "$(jqo .total)" "$search_total" "facets and search agree on the total"
expect_eq "$(jqo '[.facets.agency[] | "\(.value)=\(.count)"] | sort | join(",")')" \
  "$search_agencies" "facets and search --facets agree on the agencies"
expect_eq "$(jqo "$pillars")" "$search_pillars" "facets and search --facets agree on the pillars"
expect_eq "$(jqo "$shape")" "null number string" "facets: the same shape as search --facets"
expect_eq "$(jqo .passages)" "$whole" "JSON: passages of the whole index"

run --index "$INDEX" facets --pillar 4 --json
expect_eq "$(jqo '[.facets.pillar[] | select(.count > 0) | .value | tostring] | join(" ")')" "4" \
  "a pillar filter: only that pillar counts"
expect_eq "$(jqo '(.facets.pillar[] | select(.value == 4) | .count) == .total')" "true" \
  "pillar 4 counts every passage"

run --index "$INDEX" facets --json -n 2
expect_eq "$(jqo '.facets.agency | length')" "2" "JSON: --limit 2"

run --index "$INDEX" facets zzzqqqxx
expect_status 1 "facets with no match"
run --index "$INDEX" facets --format markdown
expect_status 2 "facets --format markdown"

COLUMNS=60 run --index "$INDEX" facets
expect_status 0 "facets (text)"
expect_out "^$whole passages: the whole index$" "the title"
expect_eq "$(grep -A7 '^pillar$' "$WORK/out" | sed -n '2,8s/^  \([^ ]*\).*/\1/p' | tr '\n' ' ')" \
  "1 2 3 4 5 6 none " "text: pillars 1-6 in order, then none"
expect_out "^agency$" "text: agencies"
expect_out "^actor$" "text: actors"
expect_out "^kind$" "text: kinds"
expect_out "█" "text: bars of blocks"
expect_out "… [0-9]+ more \(--limit 0 shows them all\)" "text: ten values a facet"
expect_no_out $'\033' "no colour when piped"
widest=$(LC_ALL=C.UTF-8 wc -L <"$WORK/out")
[ "$widest" -le 60 ] && ok || not_ok "COLUMNS=60: a line $widest columns wide"
counts=$(awk '/^agency$/ {on = 1; next} /^$/ {on = 0} on && $NF ~ /%$/ {print $(NF-1)}' "$WORK/out")
[ -n "$counts" ] && [ "$counts" = "$(echo "$counts" | sort -rn)" ] && ok ||
  not_ok "text: agencies by count: $counts"
bar60=$(grep -o '█*' "$WORK/out" | awk '{ if (length > m) m = length } END {print m}')

COLUMNS=120 run --index "$INDEX" facets
widest=$(LC_ALL=C.UTF-8 wc -L <"$WORK/out")
bar120=$(grep -o '█*' "$WORK/out" | awk '{ if (length > m) m = length } END {print m}')
[ "$widest" -le 120 ] && [ "$widest" -gt 90 ] && ok ||
  not_ok "COLUMNS=120: the widest line is $widest columns"
[ "$bar120" -gt "$bar60" ] && ok || not_ok "bars scale with the width ($bar60, $bar120)"

run --index "$INDEX" facets --color always --pillar 4
expect_out $'\033\\[' "--color always: colour"
COLUMNS=80 run --index "$INDEX" facets --kind recommendation --agency "State Department"
expect_out "^[0-9]+ of $whole passages match --kind recommendation --agency \"State Department\"$" \
  "the title names the filters"
expect_out "^  U\.S\. Department of State +█+ +[0-9]+ +100%$" "every match names the agency"

# On a terminal (a pseudo-terminal from script(1)): colour unless NO_COLOR.
if command -v script >/dev/null 2>&1; then
  TERM=xterm-256color script -qec "env -u NO_COLOR COLUMNS=70 '$BRIEF' --index '$INDEX' facets -n 3" /dev/null \
    </dev/null >"$WORK/out" 2>&1
  expect_out $'\033\\[' "a terminal: colour"
  TERM=xterm-256color script -qec "NO_COLOR=1 COLUMNS=70 '$BRIEF' --index '$INDEX' facets -n 3" /dev/null \
    </dev/null >"$WORK/out" 2>&1
  expect_out "█" "a terminal with NO_COLOR: the chart"
  expect_no_out $'\033' "a terminal with NO_COLOR: no colour"
fi

# ---- progress of brief index ---------------------------------------------------

run index --corpus "$SOURCE_DIR/corpus" --index "$WORK/idx"
expect_status 0 "brief index, piped"
expect_eq "$err" "" "piped: no progress on stderr"
expect_out "^indexed 1 report" "piped: the summary on stdout"
if command -v script >/dev/null 2>&1; then
  # stdout to a file, stderr to the pseudo-terminal: the bar is on stderr.
  TERM=xterm-256color script -qec "'$BRIEF' index --rebuild --corpus '$SOURCE_DIR/corpus' --index '$WORK/idx' \
    >'$WORK/summary'" /dev/null </dev/null >"$WORK/out" 2>&1
  status=$?
  expect_status 0 "brief index on a terminal"
  expect_out "100%.*report 1/1.*passages" "a terminal: the progress bar on stderr"
  expect_out $'\r' "a terminal: the bar redraws its line"
  expect_out "█" "a terminal: a bar of blocks"
  grep -q "^indexed 1 report" "$WORK/summary" && ok || not_ok "the summary is on stdout"
  widest=$(tr '\r' '\n' <"$WORK/out" | sed 's/\x1b\[K//g' | LC_ALL=C.UTF-8 wc -L)
  [ "$widest" -lt 80 ] && ok || not_ok "the bar fits 80 columns ($widest)"
  TERM=xterm-256color script -qec "COLUMNS=50 '$BRIEF' index --rebuild --corpus '$SOURCE_DIR/corpus' \
    --index '$WORK/idx' >/dev/null" /dev/null </dev/null >"$WORK/out" 2>&1
  widest=$(tr '\r' '\n' <"$WORK/out" | sed 's/\x1b\[K//g' | LC_ALL=C.UTF-8 wc -L)
  [ "$widest" -lt 50 ] && ok || not_ok "COLUMNS=50: the bar fits ($widest)"
  TERM=xterm-256color script -qec "'$BRIEF' index --quiet --rebuild --corpus '$SOURCE_DIR/corpus' \
    --index '$WORK/idx'" /dev/null </dev/null >"$WORK/out" 2>&1
  status=$?
  expect_status 0 "brief index --quiet on a terminal"
  expect_eq "$(cat "$WORK/out")" "" "--quiet on a terminal: nothing at all"
else
  echo "script(1) is not installed: the progress bar not tested" >&2
fi
finish
