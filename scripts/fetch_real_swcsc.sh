#!/usr/bin/env bash
# Puts a held-out real development series in real/swcsc/ (git-ignored) for scoring `foi trace`
# against scripts/gold/swcsc.json. Never commit the papers themselves.
#
# Source: github.com/swcarpentry/board (Software Carpentry Foundation Steering Committee),
# snapshot commit f842112493052eb3deb89ee9ad75f4fa70ebab75 (2017-12-14), folder minutes/.
# Twelve consecutive Steering Committee minutes, 2015-02-03 .. 2015-07-16 (Markdown): actions as
# "Actions/Resolutions" bullets ("KH: ..."), "#### Action Item" blocks ("Assigned to:"),
# "Action: ..." / "ACTION: ..." lines; earlier actions reviewed under "Old business" /
# "Previous Action Items" (agenda status, then the meeting's own notes, in one file).
# (The repository holds no minutes for a meeting between 2015-04-23 and 2015-05-21.)
#
# Run this in the session first (it prints the git directory used below):
#   fetch github:swcarpentry/board               -> /work/.mirror/swcarpentry+board/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SWC=/work/.mirror/swcarpentry+board/repo
REV=f842112493052eb3deb89ee9ad75f4fa70ebab75
paths=()
for d in 2015-02-03 2015-02-12 2015-02-19 2015-02-26 2015-03-12 2015-03-26 \
         2015-04-09 2015-04-23 2015-05-21 2015-06-18 2015-07-02 2015-07-16; do
    paths+=("minutes/minutes-$d.md")
done
exec scripts/fetch_pinned.sh "$SWC" "$REV" github:swcarpentry/board real/swcsc "${paths[@]}"
