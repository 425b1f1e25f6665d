#!/usr/bin/env bash
# Copies files of one commit of a fetched repository into a git-ignored folder under real/:
#   scripts/fetch_pinned.sh GIT_DIR REV FETCH_SOURCE DEST PATH...
# GIT_DIR is the git directory `fetch FETCH_SOURCE` printed; each PATH at REV is written to
# DEST/<its base name>, or to DEST/NAME when given as NAME=PATH (a site whose pages are all
# index.md). The series scripts (fetch_real_*.sh) say which papers, and why.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 4 ]; then
    echo "usage: scripts/fetch_pinned.sh GIT_DIR REV FETCH_SOURCE DEST PATH..." >&2
    exit 2
fi
git_dir=$1 rev=$2 source=$3 dest=$4
shift 4
if ! git --git-dir="$git_dir" cat-file -e "$rev^{commit}" 2>/dev/null; then
    echo "$(basename "$0"): no git directory with $rev at $git_dir (run 'fetch $source' first)" >&2
    exit 2
fi
if [ $# -eq 0 ]; then
    echo "$(basename "$0"): no papers at $rev to copy to $dest" >&2
    exit 2
fi
mkdir -p "$dest"
for path in "$@"; do
    name=$(basename "$path")
    if [[ $path == *=* ]]; then
        name=${path%%=*} path=${path#*=}
    fi
    git --git-dir="$git_dir" show "$rev:$path" > "$dest/$name"
done
echo "$dest: $# files"
