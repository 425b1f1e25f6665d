#!/usr/bin/env bash
# The system tools foi uses besides Python: Tesseract (reads scanned pages) and poppler-utils
# (pdftotext: the benchmark's baseline). Installed with apt-get where this machine allows it
# (root, or password-less sudo); else one line says what to install.
#   scripts/system_tools.sh           note what is missing, exit 0 (make test: OCR tests then skip)
#   scripts/system_tools.sh --strict  exit 1 when Tesseract is still missing (make demo, CI)
set -uo pipefail
strict=0
[ "${1:-}" = "--strict" ] && strict=1

missing=()
command -v "${FOI_TESSERACT:-tesseract}" >/dev/null 2>&1 || missing+=(tesseract-ocr)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" != "0" ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="no"; fi
    fi
    if [ "$sudo" != "no" ]; then
        echo "Installing ${missing[*]} with apt-get ..." >&2
        if $sudo apt-get update -qq >/dev/null \
            && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; then
            exit 0
        fi
        echo "apt-get could not install ${missing[*]}" >&2
    fi
fi

line="${missing[*]} not installed: on Debian/Ubuntu run 'sudo apt-get install -y ${missing[*]}'"
if ! command -v "${FOI_TESSERACT:-tesseract}" >/dev/null 2>&1; then
    if [ $strict = 1 ]; then
        echo "error: $line (Tesseract reads the corpus's scanned PDFs)" >&2
        exit 1
    fi
    echo "note: $line; until then scanned pages are not read and the OCR tests skip" >&2
else
    echo "note: $line (only the benchmark uses it)" >&2
fi
exit 0
