#!/usr/bin/env bash
# Puts a real meeting series in real/pound/ (git-ignored): the Town Council of the Town of Pound,
# Virginia (Wise County; a US municipality, council of five - Cauthorne, Hall, Kennedy, Mullins,
# Powers - with Mayor John Cauthorne presiding; town manager Brittany Carter ('Mrs. Carter'),
# town attorney Kevin Dotson ('Mr. Dotson'), clerk Courtney Meade), minutes of eight meetings,
# 19 August 2025 - 21 April 2026: seven regular sessions and one special called meeting.
# All eight are SCANS from the town hall copier ('Canon iR-ADV C3725 PDF' a-e, 'Canon imageFORCE
# C331 PDF' f-h); a-e have no text layer (OCR needed), f-h carry the scanner's own OCR text
# layer (pdftotext works; e.g. 'propefty', 'ln town limits', '4Ocents'). 2-13 pages each.
# House style: heading 'MINUTES-TOWN OF POUND, VA', then the date line 'AUGUST 19, 2025 @ 6:30
# P.M.' (capitals in a-c, 'November 18 , 2025' style from d) and the address '8422 North River
# Road, Pound, Virginia 24279'; a and b add 'REGULAR SESSION OF COUNCIL'. Prayer and pledge, then
# 'ROLL CALL OF COUNCIL' 'Cauthorne - Here / Hall - Here / ...' and the consent calendar. Items
# are capitalised headings in a fixed order: (PUBLIC HEARING,) AUDIENCE COMMENT(S), REPORTS
# (POLICE REPORT / POLICE DEPARTMENT, FIRE DEPARTMENT, TOWN MANAGER, EDA, PLANNING COMMISSION),
# OLD BUSINESS (AUDIT UPDATES, GRANT UPDATE, POCKET PARK & SLIDE UPDATE, BOUNDARY ADJUSTMENT,
# NEWLY ACQUIRED BUILDING, SPEED LIMIT, ...), NEW BUSINESS, OTHER BUSINESS, PUBLIC COMMENT,
# (CLOSED SESSION,) ADJOURNMENT, and a signature block 'APPROVED ON THIS THE __ DAY OF __' /
# 'JOHN CAUTHORNE, MAYOR' / 'ATTEST: COURTNEY MEADE, CLERK'. Narrative third person, present
# tense: 'Councilwoman Kennedy makes the motion to ... Councilman Powers seconds.' followed by a
# 'ROLL CALL VOTE' list 'Cauthorne - Yes / Hall - No / ...'. There is no action list: tasks are
# motions that direct something ('motion to request the traffic study from VDOT', 'motion to
# apply for a line of credit ... Brittany and Lyndon Powers are given the authority') or
# sentences in reports ('She states she will reach out to the auditor ...', 'Mr. Dotson is going
# to review the contract.'). Follow-ups appear under the standing Old Business headings that
# recur every month (AUDIT UPDATES: the David Cox pre-audits; GRANT UPDATE: VDEM/FEMA slide,
# AMLER pocket park, DEQ demolition, ARC wages, monument; BOUNDARY ADJUSTMENT; SPEED LIMIT/VDOT
# traffic study; the Ratliff 'newly acquired building'), and in the town manager's report.
# The source names files by month, wrongly in two cases, or by scanner number; they are written
# here as pound-minutes-a.pdf ... -h.pdf in meeting order, so that the tool must find the dates
# in the text (the gold's notes map each name to its source file):
#   a = minutes/AUGUST 2025 MINUTES.pdf          2025-08-19 (13 pp.)
#   b = minutes/SEPT 2025 MINUTES.pdf            2025-09-16 (4 pp.: pages of the original are
#       missing - page 1 breaks off in the police report, page 2 starts at AUDIT UPDATES, page 3
#       starts mid-discussion of a conflict of interest, page 4 is the signature block)
#   c = minutes/1769_001.pdf                     2025-10-14 (scanner file name; the October
#       minutes, opening with the public hearing on the sale of the Ratliff building)
#   d = minutes/November 2025 Minutes.pdf        2025-11-18
#   e = minutes/January 2026 Minutes.pdf         2025-12-16 (the file is named January but the
#       minutes are of the December 16, 2025 meeting; duplex scan, pages 2, 4, 6, 8 are blank)
#   f = minutes/Feb 2026 Minutes.pdf             2026-02-17
#   g = minutes/March 2026 Special called.pdf    2026-03-26 (special called meeting, line of credit)
#   h = minutes/May 2026.pdf                     2026-04-21 (the file is named May but the minutes
#       are of the April 21, 2026 meeting; the March 2026 regular meeting was cancelled for bad
#       weather, as h says)
# Gaps: the January 2026 regular meeting (referred to in f as 'the last meeting') has no minutes
# in the snapshot. Left out: the 2025 minutes before a - forms/March 2025 Minutes.pdf (March 18),
# forms/April 2025 Minutes.pdf and forms/Minutes April 2025.pdf (two scans of the April 2025
# minutes, see the gold's notes), forms/May 2025 Minutes.pdf (May 20), forms/1669_001.pdf (the
# June 17, 2025 minutes under a scanner name) and forms/July 2025 Meeting Minutes.pdf (July 15) -
# to keep the set to eight consecutive meetings; and the agendas, the FOIA posting and the
# meeting list in forms/. Never commit the papers themselves.
#
# Source: github.com/poundva/poundva.github.io (the town's website), snapshot commit
# 5c7ba1c6aed92145b770754d34285bfecaf790b9, folder minutes/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:poundva/poundva.github.io   -> /work/.mirror/poundva+poundva.github.io/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/poundva+poundva.github.io/repo
REV=5c7ba1c6aed92145b770754d34285bfecaf790b9
D=minutes
papers=(
    "pound-minutes-a.pdf=$D/AUGUST 2025 MINUTES.pdf"
    "pound-minutes-b.pdf=$D/SEPT 2025 MINUTES.pdf"
    "pound-minutes-c.pdf=$D/1769_001.pdf"
    "pound-minutes-d.pdf=$D/November 2025 Minutes.pdf"
    "pound-minutes-e.pdf=$D/January 2026 Minutes.pdf"
    "pound-minutes-f.pdf=$D/Feb 2026 Minutes.pdf"
    "pound-minutes-g.pdf=$D/March 2026 Special called.pdf"
    "pound-minutes-h.pdf=$D/May 2026.pdf"
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:poundva/poundva.github.io real/pound "${papers[@]}"
