#!/usr/bin/env bash
# Installs what brief needs to build and test, with apt-get, and only what is
# missing: quick when everything is there.  As root it runs apt-get itself,
# otherwise through sudo.
set -euo pipefail

packages=(
  build-essential cmake pkg-config      # compilers and the build
  libxapian-dev xapian-tools            # the search engine (and quest, delve)
  libutf8proc-dev                       # Unicode normalisation
  libcmark-dev                          # reading the Markdown editions
  libxml2-dev                           # brief add: the HTML parser (headers; loaded with dlopen)
  libpoppler-glib-dev                   # brief add: PDF text with positions and fonts (headers; loaded with dlopen)
  libjansson-dev                        # writing and reading JSON
  libjemalloc-dev                       # the allocator of brief-indexer
  libcmocka-dev                         # unit tests
  jq                                    # end-to-end tests check JSON with it
  sqlite3                               # the relevance comparison (FTS5)
  libsqlite3-dev                        # tests/relevance: the evaluator links SQLite (FTS5)
  zsh                                   # end-to-end test of the zsh completion
  pandoc                                # tests/e2e/test_cite.sh: a brief through pandoc --citeproc with brief cite's CSL-JSON
  citation-style-language-styles        # the same test: Chicago notes-bibliography (chicago-note-bibliography.csl)
  wamerican                             # English words (/usr/share/dict/american-english): a typed word
                                        # in it is never auto-corrected to another (README); brief add
                                        # keeps the hyphen of a compound broken at a line's end
  libtasn1-doc shared-mime-info         # tests/e2e/test_debian_pdfs.sh: real PDF manuals Debian ships
                                        # (libtasn1.pdf, shared-mime-info-spec.pdf) that brief add reads
  qpdf                                  # the same test reads their outlines with another PDF library;
                                        # tests/data/pdf/encrypted.pdf's recipe
  groff                                 # scripts/make-pdf-fixture.sh typesets tests/data/pdf/usrok2020.pdf
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages are installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
