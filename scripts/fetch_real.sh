#!/usr/bin/env bash
# Puts real public papers of other bodies in real/ (git-ignored) for development and scoring.
# Never commit them: tests make their own fixtures in the same shapes.
# Usage: scripts/fetch_real.sh GIT_DIR_OF_vestalux/sljekyll
#   (the session's `fetch github:vestalux/sljekyll` prints that git directory;
#    with no argument the script looks in /work/.mirror/vestalux+sljekyll/repo)
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/.mirror/vestalux+sljekyll/repo}
if ! git --git-dir="$src" rev-parse HEAD >/dev/null 2>&1; then
    echo "fetch_real.sh: no git directory at $src (fetch github:vestalux/sljekyll first)" >&2
    exit 2
fi
mkdir -p real/suffolk/board real/suffolk/fohcl real/suffolk/contract
n=0
while IFS= read -r path; do
    base=$(basename "$path")
    case "$base" in
        board-meeting-minutes-201[234]-*.pdf) dest=real/suffolk/board ;;
        *-fohcl-minutes.pdf) dest=real/suffolk/fohcl ;;
        library-services-contract-public-version.pdf) dest=real/suffolk/contract ;;
        *) continue ;;
    esac
    git --git-dir="$src" show "HEAD:$path" > "$dest/$base"
    n=$((n + 1))
done < <(git --git-dir="$src" ls-tree -r --name-only HEAD -- assets/pdf/)
echo "fetch_real.sh: $n files in real/suffolk/"
