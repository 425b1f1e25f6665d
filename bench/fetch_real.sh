#!/usr/bin/env bash
# Copies the real PDFs the benchmark reads into bench/out/real/ (git-ignored; never commit them):
#   xray     the fixtures of github:freelawproject/x-ray (court and agency PDFs), from real/xray
#   suffolk  Suffolk Libraries board, Friends and contract papers, from real/suffolk
#   notlpc   Nottinghamshire LPC minutes, from real/notlpc
# real/ is filled by scripts/fetch_real.sh, scripts/fetch_real_more.sh and scripts/check_xray.sh.
# A set whose folder is absent is skipped with one line saying so; bench/run.py reads what is here.
# Usage: bench/fetch_real.sh [REAL_DIR]   (default: real/ at the top of the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-real}
dest=bench/out/real
copied=0
for set in xray suffolk notlpc; do
    if [ ! -d "$src/$set" ]; then
        echo "fetch_real.sh: $set skipped: no $src/$set (see scripts/fetch_real.sh and scripts/check_xray.sh)" >&2
        continue
    fi
    rm -rf "${dest:?}/$set"
    mkdir -p "$dest/$set"
    n=0
    while IFS= read -r -d '' pdf; do
        rel=${pdf#"$src/$set/"}
        mkdir -p "$dest/$set/$(dirname "$rel")"
        cp -p "$pdf" "$dest/$set/$rel"
        n=$((n + 1))
    done < <(find "$src/$set" -type f -iname '*.pdf' -print0 | sort -z)
    echo "fetch_real.sh: $n PDFs in $dest/$set/"
    copied=$((copied + n))
done
if [ "$copied" -eq 0 ]; then
    echo "fetch_real.sh: no real PDFs found under $src/" >&2
    exit 2
fi
