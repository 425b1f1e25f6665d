#!/usr/bin/env bash
# Puts a real meeting series in real/vdbtsc/ (git-ignored): the OpenVDB Technical Steering
# Committee's minutes of 17 January - 25 April 2019 (10 meetings, the 5th to the 14th; Markdown
# files of plain prose: "Minutes from Nth OpenVDB TSC meeting, <date>", Attendees, a numbered
# Agenda, then numbered paragraphs per item with "X to ...", "X will ..." actions and votes).
# Never commit the papers themselves.
#
# Source: github.com/AcademySoftwareFoundation/openvdb, snapshot commit
# 568538e9ecee4aa4da1735c2cbd7ad27bea1c2d1, folder tsc/meetings/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:AcademySoftwareFoundation/openvdb   -> /work/.mirror/AcademySoftwareFoundation+openvdb/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

VDB=/work/.mirror/AcademySoftwareFoundation+openvdb/repo
REV=568538e9ecee4aa4da1735c2cbd7ad27bea1c2d1
paths=()
for d in 2019-01-17 2019-01-24 2019-01-31 2019-02-14 2019-02-28 2019-03-07 2019-03-21 2019-03-28 2019-04-18 2019-04-25; do
    paths+=("tsc/meetings/$d.md")
done
exec scripts/fetch_pinned.sh "$VDB" "$REV" github:AcademySoftwareFoundation/openvdb real/vdbtsc "${paths[@]}"
