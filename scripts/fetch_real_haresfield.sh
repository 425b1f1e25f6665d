#!/usr/bin/env bash
# Puts a real meeting series in real/haresfield/ (git-ignored): Haresfield Parish Council, a
# parish council near Stonehouse in Stroud District, Gloucestershire - a public authority under
# the Freedom of Information Act 2000 - minutes of its three ordinary meetings of 26 January,
# 24 February and 20 April 2020, as Word files (.docx, author 'mandy'; 1-2 pages, about 600-1,200
# words; no tables, empty headers; read paragraphs in body order). House style: the heading
# 'Minutes of Haresfield Parish Council Meeting', then 'Held in the Village Hall on Monday 26th
# January 2020' (a; 26 January 2020 was in fact a Sunday), 'Held in the Village Hall on Monday 24
# February 2020' (b), 'Held via Zoom (as permitted by NALC guidance) on Monday 20th April 2020' (c),
# 'Present: Councillors Charlotte Tilsley (chair), ...', 'Clerk: Madeleine King', a dotted rule,
# 'Apologies:', 'Public Participation:' (a only), 'Minutes of the last meeting:'; then UNNUMBERED
# run-in topic headings ending in a colon ('Flooding:', 'Highways, traffic and parking:',
# 'Incinerator & Community liaison group:', 'Village hall/activities:', 'Village maintenance:',
# 'Planning:', 'Finance & Clerks Report:', 'Any other business:'), 'The meeting closed at 9.42pm',
# 'Date of next meeting: Monday February 24th 2020'. No minute numbers, no action table or column,
# no initials: actions are written in newsletter-style passive prose inside the paragraphs
# ('Highways to be contacted about repair to Beacon Lane.', 'PC is to contact the contractors to
# request an explanation ...', 'advice is to be sought ...', 'Posters to be put up ...', 'The grass
# cutting team to be notified ...'), mostly with no owner; the few owners are 'PC' / 'The PC',
# 'Clerk', 'Highways Dept', 'Borange and Jonathan Tilsley'. Follow-ups have no 'matters arising'
# list: the next paper reports under the same topic heading ('Dan Tiffany (Highways) has been
# contacted about the contractors' signs ...', 'the three village gateways have now been delivered
# to the Highways depot ...', 'The proposed meeting of the clerk with Mrs Bacon was very
# positive ...', 'The clerk thanked councillors for the offer of remuneration ...'). Recurring
# threads: flooding down Beacon Lane, school-time parking and safety banners, the contractors'
# signs on the B4008 / Mount Lane, the village gateways and village-hall lagging (Community
# Liaison Group grants from the incinerator), the grit bin, VE Day and volunteers, litter, the
# Clerk's pay and hours, the Merryfield.
# The source names each file by its month ('Jan 2020 Minutes final.docx' ...); they are written
# here as haresfield-minutes-a.docx ... -c.docx in meeting order, so that the tool must find the
# dates in the text: a = 'Jan 2020 Minutes final.docx' = 2020-01-26, b = 'Feb 2020 Minutes
# final.docx' = 2020-02-24, c = 'April 2020 Minutes final.docx' = 2020-04-20. These are the only
# papers in the repository; b's next meeting, 'March 23rd', was the Annual Parish Meeting (no
# minutes; Covid lockdown), and c's, 'Monday May 18th 2020', was never uploaded.
# Never commit the papers themselves.
#
# Source: github.com/haresfield-pc/minutes (the upload repository behind
# https://haresfield-pc.org/minutes/), snapshot commit 8f23fe752e28be75ad29ef07e3209896a182e166
# (2020-09-28), files at the top level.
# Run this in the session first (it prints the git directory used below):
#   fetch github:haresfield-pc/minutes   -> /work/.mirror/haresfield-pc+minutes/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/haresfield-pc+minutes/repo
REV=8f23fe752e28be75ad29ef07e3209896a182e166
papers=(
    "haresfield-minutes-a.docx=Jan 2020 Minutes final.docx"
    "haresfield-minutes-b.docx=Feb 2020 Minutes final.docx"
    "haresfield-minutes-c.docx=April 2020 Minutes final.docx"
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:haresfield-pc/minutes real/haresfield "${papers[@]}"
