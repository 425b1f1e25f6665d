#!/usr/bin/env bash
# Puts a real meeting series in real/decoy/ (git-ignored): the Board of Governors (Full
# Governing Body, FGB) of Decoy Community Primary School, a maintained (Devon County Council)
# primary school in Newton Abbot, Devon - a public authority under the Freedom of Information Act
# 2000 - minutes of eight Full Governing Body meetings, 14 October 2019 - 1 February 2021, as
# PDFs saved from Word ('Microsoft Word 2016'; text layer, no scans; 10-14 pages each, about
# 1,800-2,700 words). House style: the heading 'DECOY COMMUNITY PRIMARY SCHOOL BOARD OF
# GOVERNORS' (b prints only 'PRIMARY SCHOOL BOARD OF GOVERNORS'), then a table 'COMMITTEE |
# Board of Governors' (a, b) / 'Full Governing Body' (c-h) and 'DATE; 14/10/2019' (dd/mm/yyyy,
# 'DATE;' with a stray semicolon in a-c), a GOVERNOR ATTENDANCE grid (P - Present, S -
# Sanctioned, A - Absent, L - Late; the column dates of a and b read '03/02/2019', '23/03/2019'
# ... for 2020), 'Chaired by Keith Moore' / 'Simon Barnes', 'Clerked by Pete Osborne', then the
# numbered agenda 'FGB01/1920' ... 'FGB 55/2021' (item numbers run on through the school year:
# 01-19/1920 in a, 20-37/1920 in b, 38-54 in c, 55-73 in d, 92-110 in e; 01-19/2021 in f,
# 20-37 in g, 38-55 in h). Actions: right after the agenda every paper has an 'ACTIONS TO BE
# TAKEN' table 'ITEM | (action) | BY WHOM | BY WHEN' (rows keyed by item: '09a/1920',
# '14h/2021'; owners as full names 'Keith Moore', 'Heather Poustie/Clerk', 'Clerk/All', 'All';
# due 'asap', 'ASAP', 'asp' (sic) or dd/mm/yyyy), and the minutes table 'Item | Notes | Action'
# repeats the owner in its Action column ('Clerk to place on website'). Reviews: item 03/22/40/
# 57/94 (a-e; f-h 03/24/42) 'To discuss any matters arising from the minutes and not on this
# agenda' lists 'The following were outstanding actions from the minutes:' / 'The following
# were actions from the last meeting that are not on this agenda:' with a short update
# ('Resource suitable training on GDPR for the lead governor - None identified at the moment.',
# 'Heather had met with staff and they had thought that this would be too public a measure');
# deferred items are carried in later papers as '- deferred to the next meeting'. Recurring
# threads: the Communications Strategy (Keith Moore), Board Objectives ('a full description of
# each objective and the standards needed to provide evidence of completion', deferred four
# times), GDPR lead-governor training, the draft governors' Strategy, LA Admissions
# Arrangements for 2 years hence (deferred), Covid-19 remote meetings, the Collaboration MOU,
# the Data Protection audit, Read Write Inc phonics resources, coloured wristbands for staff,
# the anti-bullying policy, parent-governor recruitment, the website review, Registers of
# Business Interests, the Accessibility Plan (deferred), the Governors' skills audit.
# The source names each file by its date (src/static/uploads/fgb-minutes-191014.pdf,
# fgb-minutes-5-october-2020.pdf ...); they are written here as decoy-minutes-a.pdf ... -h.pdf
# in meeting order, so that the tool must find the dates in the text (the gold's notes map each
# name to its source file). Meetings in the set: 2019-10-14, 2019-12-09, 2020-02-03,
# 2020-03-23, 2020-07-13, 2020-10-05, 2020-12-07, 2021-02-01. Each paper's item 'To agree the
# Minutes of the last meeting held ...' names the one before ('held 14 October 2019', '9
# December 2019', '3 February 2020', ...), except e, whose last meeting was 'held 18 May 2020':
# the single-item extraordinary FGB of 20 April 2020 (budget) and the FGB of 18 May 2020 are
# not in the snapshot (no PDF was ever committed), so d -> e skips two meetings. Left out: the
# committee minutes (bm-committee-minutes-*, lw-committee-minutes-*; other bodies) and the two
# versions of fgb-minutes-23-may-2022 (fifteen months after h, not consecutive).
# Never commit the papers themselves.
#
# Source: github.com/decoy-school/school-site (the school's website, an Eleventy site),
# snapshot commit d6bca7530525086074d6b813b01467a98554eccf, folder src/static/uploads/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:decoy-school/school-site   -> /work/.mirror/decoy-school+school-site/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/decoy-school+school-site/repo
REV=d6bca7530525086074d6b813b01467a98554eccf
D=src/static/uploads
papers=(
    "decoy-minutes-a.pdf=$D/fgb-minutes-191014.pdf"
    "decoy-minutes-b.pdf=$D/fgb-minutes-191209-final-.pdf"
    "decoy-minutes-c.pdf=$D/fgb-minutes-200203-final.pdf"
    "decoy-minutes-d.pdf=$D/fgb-minutes-200323-final.pdf"
    "decoy-minutes-e.pdf=$D/fgb-minutes-13-july-2020-final.pdf"
    "decoy-minutes-f.pdf=$D/fgb-minutes-5-october-2020.pdf"
    "decoy-minutes-g.pdf=$D/fgb-minutes-7-december-2020.pdf"
    "decoy-minutes-h.pdf=$D/fgb-minutes-1-february-2021.pdf"
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:decoy-school/school-site real/decoy "${papers[@]}"
