#!/usr/bin/env bash
# Puts a real meeting series in real/souldern/ (git-ignored): Souldern Parish Council (SPC; the
# parish council of Souldern, a village near Bicester in Cherwell district, Oxfordshire - a
# public authority under the Freedom of Information Act 2000), minutes of ten successive council
# meetings, 24 April 2025 - 30 April 2026, as PDFs printed from Word ('Microsoft: Print To PDF';
# a is 'cairo 1.18.0'; text layer, no scans; 3-5 pages each). House style: the heading 'MINUTES
# OF THE SOULDERN PARISH COUNCIL MEETING' (a) / 'MINUTES OF THE ANNUAL MEETING OF SOULDERN PARISH
# COUNCIL' (b, and - copied over by mistake - c, an ordinary June meeting) / 'MINUTES OF THE
# MEETING OF SOULDERN PARISH COUNCIL' (d-j), 'HELD IN THE VILAGE HALL' (sic; b 'HELD IN THE
# CHAPEL'), 'ON 24TH April 2025' / 'ON 26th June 2025' (ordinal day, month name, year); a
# Present / Members of the Public block with initials ('Nick Oakhill (NO) CHAIR'), then minute
# numbers MM.YY.NN ('04.25.05', '01.26..03' sic, '02.26 08' sic; the Finance item keeps last
# month's number in f, h: '10.25.12', '01.26.12'). Actions: item '.05 Clerks Report and Actions
# from previous meeting' reviews the last meeting's actions in a table 'No | Action | Owner |
# Update' with action numbers Feb25.07, May25.01 ... Sept25.04, Nov25.01, Jan26.01, Feb26.01,
# March26.01, April26.01; most papers end with an 'ACTION LIST SUMMARY' / 'Actions Summary' table
# (b, d, e, f, g, h, i, j; a and c have none) restating the actions agreed, in the body written
# 'NO to write to ...', 'NO will ...', 'Clerk to ...', 'Action - HD to draft letter ...'. Recurring
# threads: the gate/fence at the plot behind Bovewell and land registration, the Blunt willow
# trees / land adjacent to Gibbs Field House, the 4 Bovewell container (Sanctuary Housing), the
# SSE £12K changing-room electricity bill, Bridleway 13 / bridleway to NBW, the Bushcraft Group in
# NBW, Alamay's image-licence claim over the website, the Fox as Asset of Community Value, the
# churchyard Ash trees and wall, Souldern United Charity (SUC), co-option of Amanda Sharman.
# The source names each file by its meeting date (parish-council/spc-minutes/<date> SPC
# minutes.pdf); they are written here as souldern-minutes-a.pdf ... -j.pdf in meeting order, so
# that the tool must find the dates in the text (the gold's notes map each name to its source
# file). Meetings in the set: 2025-04-24, 2025-05-20 (Annual Meeting of the council), 2025-06-26,
# 2025-09-25, 2025-10-30, 2025-11-27, 2026-01-29, 2026-02-26, 2026-03-26, 2026-04-30.
# Consecutive: each paper's item '.03 To receive the minutes of the last parish council meeting'
# names the one before ('held on 24th April 2025', '20th May 2025', '26th June 2025', ...); no
# meetings were held in July, August or December 2025 (f: 'There was no meeting in July or
# August'). Left out: the 2025-03-27 paper before (absent from the snapshot, a file of 4 MiB or
# more) and the 2025-05-20 Annual Parish Meeting (a meeting of the parish, not of the council).
# Never commit the papers themselves.
#
# Source: github.com/souldern/souldern.github.io, snapshot commit
# d13c8766f0b9e26ac28a2f63c9544ddbb6296385, folder parish-council/spc-minutes/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:souldern/souldern.github.io   -> /work/.mirror/souldern+souldern.github.io/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/souldern+souldern.github.io/repo
REV=d13c8766f0b9e26ac28a2f63c9544ddbb6296385
D=parish-council/spc-minutes
papers=(
    "souldern-minutes-a.pdf=$D/2025-04-24 SPC minutes.pdf"
    "souldern-minutes-b.pdf=$D/2025-05-20 Annual Meeting minutes.pdf"
    "souldern-minutes-c.pdf=$D/2025-06-26 SPC minutes.pdf"
    "souldern-minutes-d.pdf=$D/2025-09-25 SPC minutes.pdf"
    "souldern-minutes-e.pdf=$D/2025-10-30 SPC minutes.pdf"
    "souldern-minutes-f.pdf=$D/2025-11-27 SPC minutes.pdf"
    "souldern-minutes-g.pdf=$D/2026-01-29 SPC minutes.pdf"
    "souldern-minutes-h.pdf=$D/2026-02-26 SPC minutes.pdf"
    "souldern-minutes-i.pdf=$D/2026-03-26 SPC minutes.pdf"
    "souldern-minutes-j.pdf=$D/2026-04-30 SPC minutes.pdf"
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:souldern/souldern.github.io real/souldern "${papers[@]}"
