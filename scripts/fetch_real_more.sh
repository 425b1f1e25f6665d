#!/usr/bin/env bash
# Puts more real public meeting papers of other bodies in real/ (git-ignored) for development
# and scoring against scripts/gold/<body>.json. Never commit the papers themselves.
#
# Run these in the session first (each prints the git directory used below):
#   fetch github:NOT-LPC/notlpc-concept          -> /work/.mirror/NOT-LPC+notlpc-concept/repo
#   fetch github:apache/whimsy                   -> /work/.mirror/apache+whimsy/repo
#   fetch github:OpenWIS/openwis-documentation   -> /work/.mirror/OpenWIS+openwis-documentation/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
    if ! git --git-dir="$1" rev-parse HEAD >/dev/null 2>&1; then
        echo "fetch_real_more.sh: no git directory at $1 (run 'fetch github:$2' first)" >&2
        exit 2
    fi
}

LPC=/work/.mirror/NOT-LPC+notlpc-concept/repo
ASF=/work/.mirror/apache+whimsy/repo
OWIS=/work/.mirror/OpenWIS+openwis-documentation/repo
need "$LPC" NOT-LPC/notlpc-concept
need "$ASF" apache/whimsy
need "$OWIS" OpenWIS/openwis-documentation

n=0
take() {  # git-dir revision:path destination
    git --git-dir="$1" show "$2" > "$3"
    n=$((n + 1))
}

# North of Tyne Local Pharmaceutical Committee: committee minutes 2018 (PDF, "Decisions and
# Action Points" column with numbered actions MM-NN <owner> to <task>).
mkdir -p real/notlpc
for f in Minutes-of-LPC-Meeting-10-01-2018-Rev-1803A.pdf \
         Minutes-of-LPC-Meeting-07-03-2018-Rev-1804A.pdf \
         Minutes-of-LPC-Meeting-02-05-2018-Rev-1805A.pdf \
         Minutes-of-LPC-Meeting-04-07-2018-Rev-1808A.pdf \
         Minutes-of-LPC-Meeting-05-09-2018-Rev-1809A.pdf \
         Minutes-of-LPC-Meeting-14-11-2018-Rev-1901A.pdf; do
    take "$LPC" "HEAD:static/meetings/2018/$f" "real/notlpc/$f"
done

# Apache Software Foundation board: agendas and minutes kept as test data in apache/whimsy
# (removed from HEAD, so read at the last commits that held them). Plain text, "9. Review
# Outstanding Action Items" with "* Owner: task [ PMC ]" then "Status: ...".
mkdir -p real/asf
old=cf87a41fe707c131cc857d55609249f594b913a8^   # 2014 files, deleted in this commit
new=3bf5511f7bab90edbffe953fab36971f64ec1c44^   # 2015 files, deleted in this commit
for f in board_agenda_2014_02_19.txt board_minutes_2014_02_19.txt board_agenda_2014_03_19.txt; do
    take "$ASF" "$old:www/board/agenda/test/data/$f" "real/asf/$f"
done
for f in board_agenda_2015_01_21.txt board_minutes_2015_01_21.txt board_agenda_2015_02_18.txt; do
    take "$ASF" "$new:www/board/agenda/test/data/$f" "real/asf/$f"
done

# OpenWIS Association: monthly action trackers (markdown, "- Mon ID: OWNER - task") and
# Steering Committee minutes that raise and review actions.
mkdir -p real/openwis
for f in 2016-09-13-OpenWIS-Action-Tracker-2016-Sep.md 2016-10-24-OpenWIS-Action-Tracker-2016-Oct.md \
         2017-01-11-OpenWIS-Action-Tracker-2017-Jan.md 2017-03-15-OpenWIS-Action-Tracker-2017-Mar.md; do
    take "$OWIS" "HEAD:_minutes/action/$f" "real/openwis/$f"
done
for f in 2017-10-09-OpenWIS-Steering-Committee-2017-Oct.md 2017-12-07-OpenWIS-Steering-Committee-2017-Dec.md; do
    take "$OWIS" "HEAD:_minutes/steering/$f" "real/openwis/$f"
done

echo "fetch_real_more.sh: $n files in real/notlpc, real/asf, real/openwis"
