# Citation records and styles: brief cite (BibTeX, CSL-JSON, RIS), the
# structured "cite" object of every JSON output, the quote styles, and a
# Markdown brief rendered through pandoc --citeproc with brief's
# bibliography.
. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 TERM=dumb COLUMNS=80

KEY=lee2020renew
TITLE="Renew, Elevate, Modernize: A Blueprint for a 21st Century U.S.-ROK Alliance Strategy"

run cite --index "$INDEX"
expect_status 0 "cite: bibtex by default"
expect_out "^@techreport\{$KEY,$" "bibtex: entry and key"
expect_out "^  author      = \{Lee, Kristine and Fitt, Joshua and Goldberg, Coby\},$" "bibtex: authors, family first"
expect_out "^  title       = \{\{$TITLE\}\},$" "bibtex: title, capitals kept"
expect_out "^  institution = \{Center for a New American Security\},$" "bibtex: institution"
expect_out "^  year        = \{2020\},$" "bibtex: year"
expect_out "^  month       = nov$" "bibtex: month"

run cite --index "$INDEX" --format ris rec-p4.1.1
expect_status 0 "cite ris by passage id"
expect_eq "$(head -1 "$WORK/out")" "TY  - RPRT" "ris: a report"
expect_eq "$(grep -c '^AU  - ' "$WORK/out")" 3 "ris: three authors"
expect_out "^PY  - 2020$" "ris: year"
expect_eq "$(tail -1 "$WORK/out")" "ER  - " "ris: ends its record"

run cite --index "$INDEX" --format csl-json --report usrok2020 rec-p1.1 rec-p4.1.1
expect_status 0 "cite csl-json"
expect_eq "$(jqo 'length')" 1 "one report, named three ways, once"
expect_eq "$(jqo '.[0] | [.id, .type, .title] | join("|")')" "$KEY|report|$TITLE" "csl: id, type, title"
expect_eq "$(jqo '.[0].author | map(.family + "," + .given) | join(";")')" "Lee,Kristine;Fitt,Joshua;Goldberg,Coby" "csl: names split"
expect_eq "$(jqo '.[0].issued."date-parts"[0] | map(tostring) | join("-")')" "2020-11" "csl: date parts"

run cite --index "$INDEX" no-such-passage
expect_status 2 "cite: unknown id"
expect_err "^brief cite: no passage 'no-such-passage' in the index$" "cite: says which"
run cite --index "$INDEX" --report nope
expect_status 2 "cite: unknown report"
run cite --index "$INDEX" --format mla
expect_status 2 "cite: unknown format"
expect_err "^brief cite: --format takes bibtex, csl-json or ris, not 'mla'$" "cite: says which formats"

# Every passage's JSON carries the structured citation, matching its id,
# its section path and the record's key; no section title holds a ">".
run passages --index "$INDEX" --format json
expect_eq "$(jqo "[.[] | select(.cite.key == \"$KEY\" and .cite.id == .id and .cite.section == .section
   and .cite.title == \"$TITLE\" and (.cite.authors | length) == 3
   and .cite.publisher == \"Center for a New American Security\" and .cite.date == \"2020-11\"
   and ((.cite.section_title // \"\") | contains(\">\") | not))] | length")" 149 \
  "every passage: cite object with key, authors, title, publisher, date, section, id"
expect_eq "$(jqo '[.[] | select(.kind == "bullet") | select(.cite.section_title != .section_path[-2])] | length')" 0 \
  "a bullet's section is the heading above its headline"
expect_eq "$(jqo '[.[] | select((.citation | [match("“"; "g")] | length) != 2 or (.citation | contains(" > ")))] | map(.id) | join(" ")')" "" \
  "every citation: title and section in curly quotes, inner quotes single, no section path"
run search --index "$INDEX" --format json burden sharing
expect_eq "$(jqo '(.results | length) as $n | [.results[] | select(.cite.id == .id and .cite.key == "'$KEY'")] | length == $n and $n > 0')" true \
  "every search result has its cite object"
run show --index "$INDEX" --json rec-p4.1.1
expect_eq "$(jqo '.cite.section_title')" "Pillar 4: Galvanize new areas of security cooperation" "show: the section title"

run quote --index "$INDEX" --json --style pandoc rec-p4.1.1 rec-p1.1
expect_eq "$(jq -s -r 'map("\(.id) \(.cite.key) \(.citation)") | join(";")' "$WORK/out")" \
  "usrok2020:rec-p4.1.1 $KEY [@$KEY, sec. rec‑p4.1.1];usrok2020:rec-p1.1 $KEY [@$KEY, sec. rec‑p1.1]" \
  "quote --json: each passage with its cite parts, its citation in the style asked for"

# Styles: plain uses one kind of quote marks; markdown has no code markup.
run quote --index "$INDEX" --style plain rec-p4.1.1
expect_no_out '"' "plain: no straight quote marks beside curly ones"
expect_out "“$TITLE”" "plain: the title in curly quotes"
run quote --index "$INDEX" rec-p4.1.1
expect_no_out '`' "markdown: no code markup"
expect_no_out ' > ' "markdown: no section path"
run quote --index "$INDEX" --style pandoc rec-p4.1.1
expect_out "^> Washington should eschew" "pandoc: a block quote"
expect_out "^> \[@$KEY, sec\. rec‑p4\.1\.1\]$" "pandoc: the key and the id as locator"
run show --index "$INDEX" --context 0 rec‑p4.1.1
expect_out "^usrok2020:rec-p4\.1\.1  bullet" "show takes the id as pasted from the pandoc citation"
run cite --index "$INDEX" --format ris usrok2020:rec‑p4.1.1
expect_status 0 "cite takes the id as pasted from the pandoc citation"

# A brief through pandoc (which puts a no-break space after "sec.") --citeproc with brief's CSL-JSON as bibliography.
if ! command -v pandoc >/dev/null; then
  not_ok "pandoc is not installed (scripts/setup.sh installs it)"
else
  "$BRIEF" --index "$INDEX" cite --format csl-json >"$WORK/brief.json"
  {
    echo "# Burden sharing"
    echo
    echo "The report warns against a maximalist position."
    echo
    "$BRIEF" --index "$INDEX" quote --style pandoc rec-p4.1.1
  } >"$WORK/brief.md"
  # Chicago notes-bibliography, from Debian's citation-style-language-styles.
  CSL=/usr/share/citation-style-language/styles/chicago-note-bibliography.csl
  if [ -f "$CSL" ]; then
    pandoc --citeproc --bibliography "$WORK/brief.json" --csl "$CSL" -t plain \
      "$WORK/brief.md" >"$WORK/out" 2>"$WORK/err"
    expect_eq "$?" 0 "pandoc --citeproc (notes-bibliography) runs"
    flat=$(tr '\n' ' ' <"$WORK/out" | sed 's/\xc2\xa0/ /g' | tr -s ' ')
    expect_eq "$(grep -c 'WARNING' "$WORK/err")" 0 "pandoc: no warning (the key is found)"
    case "$flat" in
      *"Lee, Kristine, Joshua Fitt, and Coby Goldberg. “Renew, Elevate, Modernize: A Blueprint for a 21st Century U.S.-ROK Alliance Strategy.” Asia-Pacific Security. Center for a New American Security, November 2020."*) ok ;;
      *) not_ok "chicago bibliography entry: $flat" ;;
    esac
    case "$flat" in
      *"[1] Lee, Fitt, and Goldberg, “Renew, Elevate, Modernize: A Blueprint for a 21st Century U.S.-ROK Alliance Strategy,” sec. rec‑p4.1.1."*) ok ;;
      *) not_ok "chicago note with the passage as locator: $flat" ;;
    esac
  else
    not_ok "no $CSL (scripts/setup.sh installs citation-style-language-styles)"
  fi
  # pandoc's own default: Chicago author-date.
  pandoc --citeproc --bibliography "$WORK/brief.json" -t plain "$WORK/brief.md" >"$WORK/out" 2>"$WORK/err"
  flat=$(tr '\n' ' ' <"$WORK/out" | sed 's/\xc2\xa0/ /g' | tr -s ' ')
  case "$flat" in
    *"(Lee, Fitt, and Goldberg 2020, sec. rec‑p4.1.1)"*) ok ;;
    *) not_ok "author-date in-text citation: $flat" ;;
  esac
  case "$flat" in
    *"Lee, Kristine, Joshua Fitt, and Coby Goldberg. 2020. “Renew, Elevate, Modernize: A Blueprint for a 21st Century U.S.-ROK Alliance Strategy.”"*) ok ;;
    *) not_ok "author-date bibliography entry: $flat" ;;
  esac
fi

# A front matter with url, place, number and citekey: in every record.
mkdir -p "$WORK/corpus/r1"
cp "$SOURCE_DIR"/corpus/*.tsv "$WORK/corpus/"
cat >"$WORK/corpus/r1/report.md" <<'MD'
---
id: r1
title: The Alliance & Its Costs
authors: Ana Müller; Martin Luther King Jr.
publisher: Some Institute
place: Washington, DC
date: 2021-03-15
url: https://example.org/r1
number: WP-7
---

# Findings

The alliance costs less than it returns.
MD
"$BRIEF" index --quiet --corpus "$WORK/corpus" --index "$WORK/idx" 2>"$WORK/err"
expect_eq "$?" 0 "index a report with every optional field"
run cite --index "$WORK/idx" --format csl-json
expect_eq "$(jqo '.[0] | [.id, ."publisher-place", .URL, .number] | join("|")')" \
  "muller2021alliance|Washington, DC|https://example.org/r1|WP-7" "csl: key folded to ASCII, optional fields"
expect_eq "$(jqo '.[0].author[1] | [.family, .given, .suffix] | join("|")')" "King|Martin Luther|Jr." "csl: a suffix"
expect_eq "$(jqo '.[0].issued."date-parts"[0] | map(tostring) | join("-")')" "2021-3-15" "csl: a whole date"
run cite --index "$WORK/idx"
expect_out "^  title       = \{\{The Alliance \\\\& Its Costs\}\},$" "bibtex: & escaped"
expect_out "^  address     = \{Washington, DC\},$" "bibtex: place"
expect_out "^  url         = \{https://example.org/r1\}$" "bibtex: url"
run quote --index "$WORK/idx" --style chicago r1:findings.1
expect_out "\(Washington, DC: Some Institute, March 15, 2021\), sec\. “Findings,” r1:findings\.1, https://example\.org/r1\.$" \
  "chicago: place, full date, section, locator, url"
sed -i 's/^number: WP-7$/citekey: mueller:alliance/' "$WORK/corpus/r1/report.md"
"$BRIEF" index --quiet --corpus "$WORK/corpus" --index "$WORK/idx" 2>"$WORK/err"
run show --index "$WORK/idx" --json r1:findings.1
expect_eq "$(jqo '.cite | [.key, .url, (.number // "none")] | join("|")')" "mueller:alliance|https://example.org/r1|none" \
  "an updated front matter: citekey chosen, number gone"
# Two reports that would share a key: brief cite says which, and what to do.
mkdir -p "$WORK/corpus/r2"
sed -e 's/^id: r1$/id: r2/' -e '/^citekey:/d' "$WORK/corpus/r1/report.md" >"$WORK/corpus/r2/report.md"
sed -i '/^citekey:/d' "$WORK/corpus/r1/report.md"
"$BRIEF" index --quiet --corpus "$WORK/corpus" --index "$WORK/idx" 2>"$WORK/err"
run cite --index "$WORK/idx" --format ris
expect_status 0 "cite: two reports with one key still print"
expect_eq "$(grep -c '^TY  - RPRT' "$WORK/out")" 2 "cite: both records"
expect_err "^brief cite: reports 'r1' and 'r2' have the same key 'muller2021alliance': give one a 'citekey:' in its front matter$" \
  "cite: the shared key is named"
rm -r "$WORK/corpus/r2"
sed -i 's/^url: /citekey: bad key!\nurl: /' "$WORK/corpus/r1/report.md"
run index --quiet --corpus "$WORK/corpus" --index "$WORK/idx"
expect_status 2 "a citekey with a space is refused"
expect_err "citekey" "the error names citekey"

finish
