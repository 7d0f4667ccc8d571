#!/usr/bin/env bash
# Typesets the bundled report as a PDF the way reports are printed, for
# tests/unit/test_ingest.c: two columns, running headers, page numbers,
# footnotes, bold recommendation headlines, headings larger than the text.
# The words are the hand edition's passages (brief passages --json over an
# index of corpus/), written as Markdown, turned into groff ms by pandoc
# and typeset by groff (Debian: groff, pandoc, jq):
#   scripts/make-pdf-fixture.sh BRIEF INDEX > tests/data/pdf/usrok2020.pdf
set -euo pipefail
brief=${1:?usage: make-pdf-fixture.sh BRIEF INDEX}
index=${2:?usage: make-pdf-fixture.sh BRIEF INDEX}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Markdown: a heading per heading passage (its depth from its section
# path), headlines in bold, bullets and summary items as lists, pull quotes
# as block quotes, a passage's first footnote as a Markdown footnote at its
# end (two glued together would read as one number).
"$brief" --index "$index" passages --json | jq -r '
  def notes: (.footnotes[0:1] | map("[^\(.)]") | join(""));
  (.[] |
    if .kind == "heading" then
      "\n" + ("#" * ((.section_path | length) + 1)) + " " + .title + "\n"
    elif .kind == "headline" then
      "\n**" + .title + "**" + (.text[(.title | length):]) + notes + "\n"
    elif .kind == "bullet" or .kind == "list-item" then
      "\n- " + .text + notes + "\n"
    elif .kind == "summary" then
      "\n\(.pillar). " + .text + notes + "\n"
    elif .kind == "pullquote" then
      "\n> " + .text + "\n"
    else
      "\n" + .text + notes + "\n"
    end),
  "",
  ([.[] | .footnotes[0:1][]] | unique | .[] | "[^\(.)]: Note \(.) of the report.\n")
' >"$work/report.md"

pandoc -f markdown-smart-auto_identifiers -t ms "$work/report.md" -o "$work/body.ms" 2>/dev/null

# ms: 10-point text in two columns, headings 4 and 2 points larger by
# level, a running header (title left, series and date right) and the page
# number at the foot of each page.  groff hyphenates as printers do (ms
# turns hyphenation on at every paragraph: .nh alone does not hold), so a
# hyphen at a line's end is groff's ("demo-" / "cracy") or the report's own
# ("evidence-" / "based"), and the reader has to tell which.
cat >"$work/report.ms" <<'MS'
.nr PS 10
.nr VS 12
.nr GROWPS 3
.nr PSINCR 2p
.ds LH Renew, Elevate, Modernize
.ds CH
.ds RH ASIA-PACIFIC SECURITY | NOVEMBER 2020
.ds CF %
.pdfinfo /Title Renew, Elevate, Modernize: A Blueprint for a 21st Century U.S.-ROK Alliance Strategy
.pdfinfo /Author Kristine Lee; Joshua Fitt; Coby Goldberg
.2C
MS
cat "$work/body.ms" >>"$work/report.ms"
groff -ms -Tpdf -k "$work/report.ms" 2>"$work/groff.log"
