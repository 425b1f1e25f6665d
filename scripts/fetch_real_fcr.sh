#!/usr/bin/env bash
# Puts a real meeting series in real/fcr/ (git-ignored): the Board of Directors of the Falls
# Creek Ranch Association (a homeowners' association near Durango, Colorado), minutes of ten
# successive board meetings, 23 January 2025 - 23 October 2025, as PDFs exported from Google Docs
# (text layer, no scans; 1-10 pages each). House style: a heading 'Falls Creek Ranch Board
# Minutes' (from August 2025 'Falls Creek Ranch Board Meeting'), 'Status: Approved' (June 2025
# 'Status: Draft'), 'Date: Jan 23, 2025' (the only place the meeting date is printed), Attendees,
# Approval/Changes to the Agenda, Conflicts of Interest, Open Period Comments, Approval of
# Previous Minutes, a Treasurer's Report with a cash table, Committee Reports (Common Property,
# Community Garden, Architecture, Bees and Chickens, Dam, Entrance Gardens, FireWise, Horses,
# Lake, Roads, Utilities, Welcome, Ranch Manager ...), Old Business, New Business (bullets with
# sub-bullets), Announcements and, January - June 2025, a closing 'Required Board Actions' list
# ('Task - Owner', e.g. 'Get budget summaries to Committee Chairs - Robin') that is repeated,
# edited, from meeting to meeting. Other actions are sentences ('Robin Lucie will look into ...',
# 'Teresa Rushton will look into waivers.', 'Justin will send an email.', 'Action Items: The
# Board needs to ...'); follow-ups come back in later Old Business bullets, treasurer's reports
# ('Action Item Completed: ...') and committee reports. The seventh paper is the short notes of
# the Board Transition Meeting after the July 2025 annual meeting (election of officers).
# The source names each file by its meeting date (uploads/documents/minutes/minutes_<date>.pdf);
# they are written here as fcr-minutes-a.pdf ... -j.pdf in meeting order, so that the tool must
# find the dates in the text (the gold's notes map each name to its source file).
# Meetings in the set: 2025-01-23, 2025-02-27, 2025-03-27, 2025-04-24, 2025-05-22, 2025-06-26,
# 2025-07-27 (transition; its text says 'August 27, 2025', see the gold's notes), 2025-08-21,
# 2025-09-25, 2025-10-23 (the 2024-12-12 meeting before and 2025-11-20 after are left out; the
# 12 July 2025 annual meeting of members is not a board meeting and is left out).
# Never commit the papers themselves.
#
# Source: github.com/jpoehnelt/fcr-website, snapshot commit
# ec25ef6494a777d383d56b52d2caac6f88703c1d, folder public/uploads/documents/minutes/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:jpoehnelt/fcr-website   -> /work/.mirror/jpoehnelt+fcr-website/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/jpoehnelt+fcr-website/repo
REV=ec25ef6494a777d383d56b52d2caac6f88703c1d
D=public/uploads/documents/minutes
papers=(
    fcr-minutes-a.pdf=$D/minutes_2025-01-23.pdf
    fcr-minutes-b.pdf=$D/minutes_2025-02-27.pdf
    fcr-minutes-c.pdf=$D/minutes_2025-03-27.pdf
    fcr-minutes-d.pdf=$D/minutes_2025-04-24.pdf
    fcr-minutes-e.pdf=$D/minutes_2025-05-22.pdf
    fcr-minutes-f.pdf=$D/minutes_2025-06-26.pdf
    fcr-minutes-g.pdf=$D/minutes_2025-07-27_transition.pdf
    fcr-minutes-h.pdf=$D/minutes_2025-08-21.pdf
    fcr-minutes-i.pdf=$D/minutes_2025-09-25.pdf
    fcr-minutes-j.pdf=$D/minutes_2025-10-23.pdf
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:jpoehnelt/fcr-website real/fcr "${papers[@]}"
