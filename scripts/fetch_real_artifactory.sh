#!/usr/bin/env bash
# Puts a real meeting series in real/artifactory/ (git-ignored): the management committee of
# Perth Artifactory Inc (a makerspace/hackerspace in Perth, Western Australia), minutes of
# nine successive committee meetings, 22 October 2022 - 22 July 2023, as the Markdown pages of the
# club's Wiki.js wiki (front matter whose 'date:'/'dateCreated:' are wiki edit/creation stamps -
# never the meeting date - then a fixed template: Members Present, Meeting Times, Review Previous
# Meeting's Minutes, Review Previous Meeting's Action Items (from Nov 2022 a Markdown table
# Action Items | Who | Status that reports back on the last meeting's Action Summary: 'Done',
# 'Ongoing', 'Not done', 'Lapsed', 'Completed by Fletcher', 'No progress'), Review Online Motions,
# Correspondence, Incident/Property/Chairperson's/Treasurer's/Membership reports (TidyHQ-generated
# tables), Officer/Subcommittee/Event reports, Other Business with Motion tables and 'Action
# items' tables (Action Items | Who), 'ACTION: X to ...' lines and '- Name' bullets, and an
# 'Action Summary' table at the end). Owners are first names or nicknames (Fletcher, Lewis, JC,
# Spondy, Renae/Renee, Beau, Ben, Vincent, Phoebe), 'Committee', a subcommittee or '???'.
# The source names each file by its meeting date (minutes/Committee/<yyyy-mm-dd>.md); they are
# written here as committee-minutes-a.md ... -i.md in meeting order, so that the tool must find the
# dates in the text (the gold's notes map each name to its source file).
# Meetings in the set: 2022-10-22, 2022-11-26, 2023-01-07, 2023-02-04, 2023-03-11, 2023-04-01,
# 2023-05-20, 2023-06-24, 2023-07-22 (consecutive: each page's Previous/Next links name its
# neighbours; the 2022-09-17 post-AGM meeting before and 2023-08-19 after are left out).
# Never commit the papers themselves.
#
# Source: github.com/Perth-Artifactory/wiki, snapshot commit
# 57ab79840101461c1f086f1ea0d92a5ff94ab537, folder minutes/Committee/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:Perth-Artifactory/wiki   -> /work/.mirror/Perth-Artifactory+wiki/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/Perth-Artifactory+wiki/repo
REV=57ab79840101461c1f086f1ea0d92a5ff94ab537
papers=(
    committee-minutes-a.md=minutes/Committee/2022-10-22.md
    committee-minutes-b.md=minutes/Committee/2022-11-26.md
    committee-minutes-c.md=minutes/Committee/2023-01-07.md
    committee-minutes-d.md=minutes/Committee/2023-02-04.md
    committee-minutes-e.md=minutes/Committee/2023-03-11.md
    committee-minutes-f.md=minutes/Committee/2023-04-01.md
    committee-minutes-g.md=minutes/Committee/2023-05-20.md
    committee-minutes-h.md=minutes/Committee/2023-06-24.md
    committee-minutes-i.md=minutes/Committee/2023-07-22.md
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:Perth-Artifactory/wiki real/artifactory "${papers[@]}"
