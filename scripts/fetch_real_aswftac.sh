#!/usr/bin/env bash
# Puts a real meeting series in real/aswftac/ (git-ignored): the Academy Software Foundation's
# Technical Advisory Council (TAC) minutes of 22 August 2018 - 16 January 2019 (11 meetings, the
# TAC's first; Markdown files: "AWSF TAC Meeting - <date>", voting members attending and regrets
# as a list or as [X]/[ ] checkboxes, an Agenda, an "Action Items (AIs)" section - "X to ...",
# "Name: task", often empty - then Notes in prose ("X said he would ...", "agreed to follow up")
# or nested bullets with "Follow up:" lines, and sometimes a pasted Zoom chat).
# Never commit the papers themselves.
#
# Source: github.com/AcademySoftwareFoundation/tac, snapshot commit
# dd988ac779b00f8848e129df8725b0750b8f3ef4, folder meetings/ (the first two meetings sit in
# their own sub-folders with their slides, which are not fetched).
# Run this in the session first (it prints the git directory used below):
#   fetch github:AcademySoftwareFoundation/tac   -> /work/.mirror/AcademySoftwareFoundation+tac/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

TAC=/work/.mirror/AcademySoftwareFoundation+tac/repo
REV=dd988ac779b00f8848e129df8725b0750b8f3ef4
paths=(meetings/2018-08-22/2018-08-22.md meetings/2018-09-05/2018-09-05.md)
for d in 2018-09-12 2018-09-19 2018-09-26 2018-10-10 2018-10-24 2018-11-07 2018-11-20 2018-12-05 2019-01-16; do
    paths+=("meetings/$d.md")
done
exec scripts/fetch_pinned.sh "$TAC" "$REV" github:AcademySoftwareFoundation/tac real/aswftac "${paths[@]}"
