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
paths=$(git --git-dir="$TSC" ls-tree -r --name-only "$REV" meetings/ 2>/dev/null | grep '^meetings/2019-0[1-4]' || true)
# shellcheck disable=SC2086 # one path a word
exec scripts/fetch_pinned.sh "$TSC" "$REV" github:nodejs/TSC real/nodetsc $paths
