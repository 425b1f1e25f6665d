#!/usr/bin/env bash
# Text under redaction boxes, checked against Free Law Project's x-ray suite (27 labelled PDFs).
# Not in CI (CI cannot fetch). First, in the session: fetch github:freelawproject/x-ray
# (it prints the git directory; default below). Copies tests/assets/ into real/xray/
# (git-ignored) and prints TP/FP/FN: a bad file is found when `foi audit FILE` reports
# text_under_box; a clean file must give no such finding.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/.mirror/freelawproject+x-ray/repo}
if ! git --git-dir="$src" rev-parse HEAD >/dev/null 2>&1; then
    echo "check_xray.sh: no git directory at $src (fetch github:freelawproject/x-ray first)" >&2
    exit 2
fi
mkdir -p real/xray
while IFS= read -r path; do
    git --git-dir="$src" show "HEAD:$path" > "real/xray/$(basename "$path")"
done < <(git --git-dir="$src" ls-tree -r --name-only HEAD -- tests/assets/ | grep '\.pdf$')
# x-ray's own labels (tests/test_utils.py): these four hold text under boxes, the rest none.
bad="rectangles_yes.pdf rectangles_yes_2.pdf bad_cross_hatched_redactions.pdf hidden_text_on_visible_text.pdf"
exec .venv/bin/python scripts/score_xray.py real/xray $bad
