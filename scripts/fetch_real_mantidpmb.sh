#!/usr/bin/env bash
# Puts a real meeting series in real/mantidpmb/ (git-ignored): the Mantid Project Management Board
# (PMB; written 'Mantid PMB' and, in d and e, 'Mantid PMC'; the board over the Mantid neutron and
# muon data-reduction software, run jointly by ISIS (STFC Rutherford Appleton Laboratory, UK) and
# the SNS (Oak Ridge National Laboratory, US), later with ESS), minutes of ten successive board
# meetings, 30 November 2012 - 23 November 2015, as Word documents (.docx, 1-3 pages, no scans).
# House style: heading 'Mantid PMB Meeting' (d, e 'Mantid PMC Meeting'; f 'ISIS Mantid PMB
# Meeting'), then 'Minutes of Meeting N' (1-9; h and i are both numbered 'Meeting 8', sic), then a
# date line with times: '30 November 2012, 1400-1500', '24th January 2014, 1000-1200', '21th July
# 2014' (sic), '29th Jan 2015', '23rd Nov 2015' (ordinal or plain day, month name or abbreviation,
# year). Roll: 'Present:' / 'Apologies:' with full names, or from g on 'Present from SNS:' /
# 'Present from ISIS:' / 'Present from ESS:'; initials (ND = Nick Draper, the PM; AM = Anders
# Markvardsen, secretary then TSC chair; WZ = Wenduo Zhou, secretary from i; TP = Thomas Proffen or
# Toby Perring, 'TP (Toby)', 'TP (Thomas)', TGP = Toby Perring; GG, JT, RS, MH, SL, DG). Items are
# unnumbered headings ('Matters arising from the minutes and actions', 'PM report to PMB', 'AOB',
# 'Next Meeting'); g-j start with a 'Links to reports' table (minutes, PM report, TSC report).
# Actions: in the body written 'Action ND to ...', 'Action ND+AM to ...', 'Action: AM to ...',
# 'Action TSC to ...'; every paper ends with the carried action log: a table 'New and Ongoing
# Actions' ('New and On-going Actions' in j) with columns number | action | owner (no header row,
# no dates, no status column), numbered meeting.item (1.1 ... 9.5, a sub-number 8.3.1 in i), then
# a table 'Completed Actions' ('Completed actions will remain in this list for one meeting then
# will be removed.') - an action moves from the first table to the second when done, and open ones
# are carried forward, sometimes reworded ('8.8 | Drive the adding of ... in 2-3 months. The
# training material will be published on web.'), reassigned or left with an empty owner cell (i).
# The next paper's 'Matters arising from the minutes and actions' / 'Actions from last minutes' /
# 'Minutes from the last meeting' item reviews them by number ('Actions 2.1-3 done', 'Actions
# 4.2-3 completed.', 'Action 4.1 rephrased from ...', 'Some actions were confirmed to be complete,
# including 8.1, 8.2, part of 8.3, 8.5 and 8.6.'), in i and j item by item ('8.9 Have a Mantid
# forum in use ...' followed by its update). i and j carry tracked insertions (Word 'track
# changes', one comment in i); text inside insertions drops out of a plain python-docx read, so the
# gold quotes only text outside them. Recurring threads: the two-way (ISIS-SNS) agreement and the
# governance model, Scientific Steering Committee (SSC) meetings and requirements, the PM report,
# the Technical Steering Committee (TSC), delivery plan, ParaView on Win/Mac, release dates and
# intervals, matplotlib and MantidPlot replacement, the instrument definition language (IDL/IDF),
# ESS and ILL joining, training material for powder diffraction and direct inelastic scattering,
# the Mantid forum, VS2015, GitHub issues, Qt5, imaging teleconference.
# The source names each file by its date (Project-Management/PMB/Minutes/PMBMinutes-<date>.docx;
# for f and h the name's date, 2014-07-14 and 2015-01-15, is not the meeting date the text gives,
# 21 July 2014 and 29 January 2015); they are written here as mantidpmb-minutes-a.docx ... -j.docx
# in meeting order, so the tool must find the dates in the text (the gold's notes map each name to
# its source file). Meetings in the set: 2012-11-30, 2013-03-15, 2013-10-03, 2014-01-24,
# 2014-04-03, 2014-07-21, 2014-11-24, 2015-01-29, 2015-05-29, 2015-11-23 (meetings 1-9, the first
# minutes the board took). Left out: the later papers (2016-01-22 meeting 10, a 2016-03-13 draft
# headed 'Minutes of Meeting 1', 2016-05-27 meeting 13, then Markdown from 2016-08-09), and the PM
# reports (.doc) that the minutes link to. Never commit the papers themselves.
#
# Source: github.com/mantidproject/documents, snapshot commit
# 80f84c07fdca824c41e4a8e696bd0f67e9af38ab, folder Project-Management/PMB/Minutes/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:mantidproject/documents   -> /work/.mirror/mantidproject+documents/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/mantidproject+documents/repo
REV=80f84c07fdca824c41e4a8e696bd0f67e9af38ab
D=Project-Management/PMB/Minutes
papers=(
    "mantidpmb-minutes-a.docx=$D/PMBMinutes-2012-11-30.docx"
    "mantidpmb-minutes-b.docx=$D/PMBMinutes-2013-03-15.docx"
    "mantidpmb-minutes-c.docx=$D/PMBMinutes-2013-10-03.docx"
    "mantidpmb-minutes-d.docx=$D/PMBMinutes-2014-01-24.docx"
    "mantidpmb-minutes-e.docx=$D/PMBMinutes-2014-04-03.docx"
    "mantidpmb-minutes-f.docx=$D/PMBMinutes-2014-07-14.docx"
    "mantidpmb-minutes-g.docx=$D/PMBMinutes-2014-11-24.docx"
    "mantidpmb-minutes-h.docx=$D/PMBMinutes-2015-01-15.docx"
    "mantidpmb-minutes-i.docx=$D/PMBMinutes-2015-05-29.docx"
    "mantidpmb-minutes-j.docx=$D/PMBMinutes-2015-11-23.docx"
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:mantidproject/documents real/mantidpmb "${papers[@]}"
