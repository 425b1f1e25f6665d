#!/usr/bin/env bash
# Puts a real meeting series in real/milburn/ (git-ignored): Milburn Parish Council, the parish
# council of Milburn, a village near Appleby in the Eden district of Cumbria, England (a local
# council and so a public authority under the Freedom of Information Act 2000) - minutes of
# eleven consecutive ordinary meetings and AGMs, 16 January 2018 - 3 September 2019, as PDFs
# saved from Word ('Microsoft Word 2016', h and i 'Microsoft Word for Office 365'; text layer,
# no scans; 2-3 pages and about 330-840 words each). House style: the heading line
# 'Milburn Parish Council - 16th January 2018' ('Milburn Parish Council A.G.M. - 8th May 2018'
# in c and i; plain pdftotext prints 'Milburn Parish Council' and '- 3rd July 2018' on separate
# lines in d-i), then 'Present' (Councillors D Richardson (Chair) ..., Clerk J Connelly - 'Clerk
# J H Todd' in j - and the district councillor 'Alan Armstrong, EDC' / 'A Armstrong, EDC' when
# present, 'Members of the Public - Two Members'), then items numbered YY.MM.N ('18.01.1
# Apologies', '18.01.2 Register of Interests', '18.01.3 Minutes', '18.01.4 Matters Arising',
# ..., 'Correspondence', 'Public Participation', 'Any Other Business'; from the 2019 AGM on two
# digits, '19.05.06'). Numbering slips kept as printed: '18.01.05' and '18.11.11' in a,
# '18.03.05' in b, '1.05.8' in c, '18.05.10' in d, '19.01.4' and '19.3.12' in h, and i runs
# 19.05.03 (Apologies) before 19.05.01. Every page ends 'Signed ____ Dated <next meeting date>'
# and 'Page 1 of 2'; each paper closes 'Next Meeting Tuesday, 6th March 2018' and 'The Chairman
# brought the meeting to a close at 8.40pm'. Actions are written in the prose, no action table:
# 'Clerk to contact M Joyce to ascertain ...', 'The Clerk to write to Highways Dept in Carlisle',
# 'Councillor Richardson is to order scalpings from Hoggs ...', 'Mr Armstrong to contact
# EDC/Highways ...', 'Resolved Councillor Healey contact Metcalfes ...', 'Councillors agreed to
# meet on Saturday morning ...', '£86 to be paid into Bank.' Follow-ups appear under 'Matters
# Arising' of the next paper ('The skelpings have arrived ...', 'Clerk checked on Highways
# website prior to tonight's meeting, no action showing as yet', repeated h-k), under a
# repeated agenda item (the Seat Under Chestnut Tree, the Beacon), as 'Polite reminder
# regarding the Seat repairs' under Any Other Business, or as invoices under Finance. Each
# paper's '.3 Minutes' item names the meeting before ('held on the 7th November 2017' in a,
# '16th January 2018' in b, ...), except c (the 2018 AGM), which says '7th March 2017' for
# 6 March 2018 (a slip). Recurring threads: potholes (Cart Roads scalpings, the village
# roads, Corpse Lane), the seat under the Chestnut Tree, the Newbiggin Mill gully and
# village-green drains, vehicles on the village green, the British Gypsum donation and the
# 2018 Bonfire and Remembrance Beacon, Village Hall fees and Land Registry, Data Protection /
# Privacy Policies, Standing Orders, precept, policy reviews, the garden-waste skip.
# The source names each file by a date (entries/minutes_2018-01-18_.pdf for the meeting held
# 16 January 2018, 'minutes_2018-05-08_AGM and Parish Mtg.pdf' ...); they are written here as
# milburn-minutes-a.pdf ... -k.pdf in meeting order, so that the tool must find the dates in
# the text (the gold's notes map each name to its source file):
#   a = minutes_2018-01-18_.pdf (2018-01-16)       g = minutes_2019-01-08_.pdf (2019-01-08)
#   b = minutes_2018-03-06_.pdf (2018-03-06)       h = minutes_2019-03-05_.pdf (2019-03-05)
#   c = minutes_2018-05-08_AGM and Parish Mtg.pdf  i = minutes_2019-05-07_AGM and Parish Mtg.pdf
#       (2018-05-08, AGM)                              (2019-05-07, AGM)
#   d = minutes_2018-07-03_.pdf (2018-07-03)       j = minutes_2019-07-02_.pdf (2019-07-02)
#   e = minutes_2018-09-04_.pdf (2018-09-04)       k = minutes_2019-09-03_.pdf (2019-09-03)
#   f = minutes_2018-11-06_.pdf (2018-11-06)
# Left out: the 2017 papers (no minutes of 7 November 2017 in the snapshot, so 2017-09-05 ->
# 2018-01-16 is not consecutive) and minutes_2019-11-12_.pdf and later.
# Never commit the papers themselves.
#
# Source: github.com/mjoycemilburn/parishcouncils (the "parishcouncils" shared website system;
# its sample site is the council's own, milburnparishcouncil.co.uk), snapshot commit
# 2d32817ffe2df530b76b60f1c919b17edb14fc7d (2022-10-02), folder milburnparishcouncil.co.uk/entries/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:mjoycemilburn/parishcouncils   -> /work/.mirror/mjoycemilburn+parishcouncils/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/mjoycemilburn+parishcouncils/repo
REV=2d32817ffe2df530b76b60f1c919b17edb14fc7d
D=milburnparishcouncil.co.uk/entries
papers=(
    "milburn-minutes-a.pdf=$D/minutes_2018-01-18_.pdf"
    "milburn-minutes-b.pdf=$D/minutes_2018-03-06_.pdf"
    "milburn-minutes-c.pdf=$D/minutes_2018-05-08_AGM and Parish Mtg.pdf"
    "milburn-minutes-d.pdf=$D/minutes_2018-07-03_.pdf"
    "milburn-minutes-e.pdf=$D/minutes_2018-09-04_.pdf"
    "milburn-minutes-f.pdf=$D/minutes_2018-11-06_.pdf"
    "milburn-minutes-g.pdf=$D/minutes_2019-01-08_.pdf"
    "milburn-minutes-h.pdf=$D/minutes_2019-03-05_.pdf"
    "milburn-minutes-i.pdf=$D/minutes_2019-05-07_AGM and Parish Mtg.pdf"
    "milburn-minutes-j.pdf=$D/minutes_2019-07-02_.pdf"
    "milburn-minutes-k.pdf=$D/minutes_2019-09-03_.pdf"
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:mjoycemilburn/parishcouncils real/milburn "${papers[@]}"
