#!/usr/bin/env bash
# Puts a real meeting series in real/biocab/ (git-ignored): the Bioconductor Community Advisory
# Board (CAB; the community-facing advisory board of the Bioconductor open-source bioinformatics
# project), minutes of ten successive monthly online meetings, 9 November 2023 - 8 August 2024,
# as PDFs exported from Google Docs (Skia/PDF 'Google Docs Renderer', text layer, no scans; 1-3
# pages each). House style: the heading 'Bioconductor Community Advisory Board (CAB) Agenda'
# (the agenda document filled in during the meeting becomes the minutes), then the meeting day
# and time WITHOUT a year ('November 9 at 4 PM EST', 'December 14 at 5 AM GMT', 'May 09 at 12
# AM UTC', 'August 08 at 20:00 PM UTC' - the year is printed nowhere in the paper), the list of
# Members, Attending, Regrets, Guests, then a 'Schedule' of time-boxed items (':5 - :6 Review
# minutes from previous meeting for posting', ':10 - :41 Working group update: ...', ':55 - :00
# Other Business') with dash bullets. Actions are bullets: 'Action: ...' (d), '[Action Maria]:
# ...' / '[Action @Lori/@jo] ...' (e-g), '[Action item @jo] ...' (h-j); from May 2024 (g) on an
# item 'Action items from last meeting' reviews the previous meeting's actions with check
# boxes ('[X] ...', '[-] ...', '[?] ...', '[C] ...'); f ends with 'Actions from last meeting:'.
# Recurring threads: BioC conference organisation (three 'equal' conferences), the CAB paper
# (10 rules vs perspective, PLOS Comp Biol), CAB meeting time rotation, the Athena award in
# memory of Beatriz Calvo Serra, Slack channels and welcome message, CAB elections/governance,
# the 2025 joint Bioconductor + Galaxy conference, the publication working group.
# The source names each file by its meeting date (assets/about/community-advisory-board/
# <date>-minutes.pdf); they are written here as biocab-minutes-a.pdf ... -j.pdf in meeting
# order, so that the tool must find the dates in the text (the gold's notes map each name to
# its source file). Meetings in the set: 2023-11-09, 2023-12-14, 2024-01-11, 2024-02-08,
# 2024-03-14, 2024-04-11, 2024-05-09, 2024-06-13, 2024-07-11, 2024-08-08. Consecutive: the site
# has one paper a month from 2023-01-12 to 2024-08-08 at this snapshot, and each paper reviews
# the minutes of the one before (b, c, ... 'Review minutes from previous meeting for posting';
# a 'October Minutes OK to submit.', f 'March meeting OK'); the 2023-10-12 paper before and the
# 2024-09 paper after (not yet in this snapshot) are left out.
# Never commit the papers themselves.
#
# Source: github.com/Bioconductor/bioconductor.org, snapshot commit
# c9a6b878bb8856766f7e8d2fae511b6a37cd0e40, folder assets/about/community-advisory-board/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:Bioconductor/bioconductor.org   -> /work/.mirror/Bioconductor+bioconductor.org/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/Bioconductor+bioconductor.org/repo
REV=c9a6b878bb8856766f7e8d2fae511b6a37cd0e40
D=assets/about/community-advisory-board
papers=(
    biocab-minutes-a.pdf=$D/2023-11-09-minutes.pdf
    biocab-minutes-b.pdf=$D/2023-12-14-minutes.pdf
    biocab-minutes-c.pdf=$D/2024-01-11-minutes.pdf
    biocab-minutes-d.pdf=$D/2024-02-08-minutes.pdf
    biocab-minutes-e.pdf=$D/2024-03-14-minutes.pdf
    biocab-minutes-f.pdf=$D/2024-04-11-minutes.pdf
    biocab-minutes-g.pdf=$D/2024-05-09-minutes.pdf
    biocab-minutes-h.pdf=$D/2024-06-13-minutes.pdf
    biocab-minutes-i.pdf=$D/2024-07-11-minutes.pdf
    biocab-minutes-j.pdf=$D/2024-08-08-minutes.pdf
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:Bioconductor/bioconductor.org real/biocab "${papers[@]}"
