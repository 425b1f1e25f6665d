#!/usr/bin/env bash
# Puts a real meeting series in real/nodetsc/ (git-ignored): the Node.js Technical Steering
# Committee's minutes of January-April 2019 (Markdown: "## Present", "## Agenda", items as
# tracked GitHub issues restated at every meeting with their status bullets). Never commit the
# papers themselves.
#
# Source: github.com/nodejs/TSC, snapshot commit 0e35767c9666d03c0e9596e636b35623887ffb6f, folder meetings/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:nodejs/TSC                      -> /work/.mirror/nodejs+TSC/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

TSC=/work/.mirror/nodejs+TSC/repo
REV=0e35767c9666d03c0e9596e636b35623887ffb6f
if ! git --git-dir="$TSC" cat-file -e "$REV^{commit}" 2>/dev/null; then
    echo "fetch_real_nodetsc.sh: no git directory with $REV at $TSC (run 'fetch github:nodejs/TSC' first)" >&2
    exit 2
fi

mkdir -p real/nodetsc
n=0
for path in $(git --git-dir="$TSC" ls-tree -r --name-only "$REV" meetings/ | grep '^meetings/2019-0[1-4]'); do
    git --git-dir="$TSC" show "$REV:$path" > "real/nodetsc/$(basename "$path")"
    n=$((n + 1))
done
echo "real/nodetsc: $n minutes"
