#!/usr/bin/env bash
# Puts a real meeting series in real/lebpac/ (git-ignored): the L'École Bilingue PAC (the Parent
# Advisory Council of L'École Bilingue Elementary, a French-immersion public school of the
# Vancouver School Board, 1166 West 14th Avenue, Vancouver BC), minutes of eight successive
# general PAC meetings, 26 April 2023 - 6 June 2024, including the AGM of 13 June 2023, as PDFs
# (text layer, no scans; 2-4 pages each): a-b exported from Google Docs, c-f from Apple Pages,
# g-h from Microsoft Word. House style: a centred heading 'L’ÉCOLE BILINGUE PAC MEETING MINUTES'
# (a 'L’ECOLE ...', b 'L’ECOLE BILINGUE PAC / AGM MEETING MINUTES'), the meeting date on the
# next line ('April 26th, 2023', 'Date: June 13th, 2023', 'Thursday, November 30, 2023' - the
# only place the date is printed), times and place, then numbered agenda items with a./i./1.
# sub-items: Call to Order (with attendance), Land Acknowledgement, Approval of Agenda and of
# Minutes, Admin Report (the principal), Reports of Officers (Chair, Vice-Chair, Treasurer,
# DPAC representative), Reports of Committees (Grad Year, Munch-a-lunch, Yearbook, After school
# activities, Fundraising ...), Unfinished Business, New Business, Announcements, Adjournment;
# h adds the vote-in of the 2024/2025 executive, a budget item and bylaw amendments. There is
# no action table: actions are sentences ('Lorie will send out an email and use a sign-up
# sheet.', 'Jacquie will email VSB rentals to clarify re: babysitting course.', 'Sign-Up
# coordinator: Jonathan: will present at next meeting with suggestion', 'Topic tabled until the
# next meeting (Nov 30th).'); follow-ups come back in later officers' and committee reports and
# in Unfinished Business (the fundraising model, the Quebec legacy fund, open executive posts).
# The source names each file by its meeting date (assets/files/meetings/<date>-pac-minutes.pdf);
# they are written here as lebpac-minutes-a.pdf ... -h.pdf in meeting order, so that the tool
# must find the dates in the text (the gold's notes map each name to its source file).
# Meetings in the set: 2023-04-26, 2023-06-13 (AGM), 2023-10-17, 2023-11-30, 2024-01-25,
# 2024-02-29, 2024-05-06, 2024-06-06. Consecutive: each paper approves the minutes of the one
# before (b approves 'April 26th, 2023', c 'AGM on June 13th, 2023', e 'October 17 and
# November 30, 2023' - d had no quorum -, f 'January 25, 2024', g 'February 29th, 2024', h
# 'May 6th 2024'); a approves 'February 2023' minutes that the site never published, so the
# 2022-11-10 paper before is left out; the 2024-10-10 and 2024-11-13 papers after were deleted
# from the site (commit d114394, 'Use Google Drive for Meeting Minutes going forward').
# Never commit the papers themselves.
#
# Source: github.com/lebpac/lebpac.github.io, snapshot commit
# a43ac34e5ac3244f676fc0416e0384623f52d343, folder assets/files/meetings/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:lebpac/lebpac.github.io   -> /work/.mirror/lebpac+lebpac.github.io/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/lebpac+lebpac.github.io/repo
REV=a43ac34e5ac3244f676fc0416e0384623f52d343
D=assets/files/meetings
papers=(
    lebpac-minutes-a.pdf=$D/2023-04-26-pac-minutes.pdf
    lebpac-minutes-b.pdf=$D/2023-06-13-pac-minutes.pdf
    lebpac-minutes-c.pdf=$D/2023-10-17-pac-minutes.pdf
    lebpac-minutes-d.pdf=$D/2023-11-30-pac-minutes.pdf
    lebpac-minutes-e.pdf=$D/2024-01-25-pac-minutes.pdf
    lebpac-minutes-f.pdf=$D/2024-02-29-pac-minutes.pdf
    lebpac-minutes-g.pdf=$D/2024-05-06-pac-minutes.pdf
    lebpac-minutes-h.pdf=$D/2024-06-06-pac-minutes.pdf
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:lebpac/lebpac.github.io real/lebpac "${papers[@]}"
