#!/usr/bin/env bash
# Puts a real meeting series in real/ecutest/ (git-ignored): the minutes of 'Team#1' of the
# 'Software Testing Project' - four students (Craig Baldry, Chris Raven, Jack Civil, Jake
# McLaren) of Edith Cowan University (ECU, Perth, Western Australia), unit CSI3105 Software
# Testing, semester 1 2021 - eight successive team meetings held on Microsoft Teams, 8 April -
# 28 May 2021, as Word files (.docx, one page each; no header/footer text, no images). A student
# project team, not a public body: the only DOCX run of 8+ real minutes of one body found in the
# time allowed (see the gold's notes). House style, the same in all eight: paragraphs 'Software
# Testing Project' / 'Team#1' / 'Minute No: 001' ... 'Minute No: 008' / 'Date: 08/04/21'
# (dd/mm/yy, Australian day-first; the only four-digit dates are h's due dates '30/05/2021') /
# 'Time: 7:45-8:45PM' / 'Venue: Microsoft Teams' / 'Participants: ...' (full names, no
# initials) / 'Apologies: None' / 'Absent: None', then 'Discussion:' with 'Action List' - 'Items
# on the action list were completed or progressing as follows:' and numbered lines 'Item 1: ...
# Status: Closed' / 'Status: Open' / 'Status: Ongoing' (the review of the last meeting's
# actions, written as what the team did rather than restating the action), a 'General' prose
# paragraph (sometimes followed by allocation lists 'Schedule a Meeting: Jake and Craig',
# 'Abstract: Jake'), and 'Where To From Here What you are going to do next. Actions:' followed by
# a Word table 'ID | Action | Who | Due Date | Status' (IDs restart at 1 in every paper; Who is
# 'Everyone', 'Chris and Jake', 'Chris' or blank; Due Date 'Next Meet' / 'Next Meeting' /
# '30/05/2021' / blank; Status always 'Open' when written). The action table is the only table
# in each paper; its rows are the actions. Follow-ups are only found by topic: the next paper's
# 'Item N' lines and the General paragraph report on the work (CFGs, black-box tests, unit
# tests, report) without citing action IDs.
# The source names each file 'Minutes/Minutes N.docx' (N = 1..8, the minute number); they are
# written here as ecutest-minutes-a.docx ... -h.docx in meeting order, so that the tool must find
# the dates in the text. Meetings: 2021-04-08, 2021-04-17, 2021-04-22, 2021-04-29, 2021-05-10,
# 2021-05-17, 2021-05-24, 2021-05-28. Consecutive: Minute No 001 ... 008, the whole series in the
# repository. Never commit the papers themselves.
#
# Source: github.com/CSI3105-ST-Group-ECU/planner-20, snapshot commit
# 11e1efbb7f1721d8752d88de9fd6cb07075429f8 (2021-05-30), folder Minutes/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:CSI3105-ST-Group-ECU/planner-20   -> /work/.mirror/CSI3105-ST-Group-ECU+planner-20/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/CSI3105-ST-Group-ECU+planner-20/repo
REV=11e1efbb7f1721d8752d88de9fd6cb07075429f8
D=Minutes
papers=(
    "ecutest-minutes-a.docx=$D/Minutes 1.docx"
    "ecutest-minutes-b.docx=$D/Minutes 2.docx"
    "ecutest-minutes-c.docx=$D/Minutes 3.docx"
    "ecutest-minutes-d.docx=$D/Minutes 4.docx"
    "ecutest-minutes-e.docx=$D/Minutes 5.docx"
    "ecutest-minutes-f.docx=$D/Minutes 6.docx"
    "ecutest-minutes-g.docx=$D/Minutes 7.docx"
    "ecutest-minutes-h.docx=$D/Minutes 8.docx"
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:CSI3105-ST-Group-ECU/planner-20 real/ecutest "${papers[@]}"
