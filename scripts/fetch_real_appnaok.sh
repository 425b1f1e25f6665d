#!/usr/bin/env bash
# Puts a real meeting series in real/appnaok/ (git-ignored): the Executive Committee (EC) of the
# Oklahoma Chapter of APPNA (the Association of Physicians of Pakistani Descent of North America,
# a tax-exempt non-profit: the papers say 'Membership dues are tax deductible as APPNA is a
# tax-exempt organization' and the chapter issues tax-exempt receipts), minutes of its twelve
# monthly EC conference calls of 2018, 9 January - 6 December 2018. All twelve are Word files
# (.docx, real text, no tables, no headers/footers; one page each, about 360-700 words), written
# up by Dr. Faisal Latif (j: 'The minutes of September 2018 meeting to be sent by Dr. Faisal').
# House style: a one-line heading 'APPNA (Oklahoma Chapter) Executive Committee Conference Call
# Minutes (01/09/2018)' with the date in mm/dd/yyyy in brackets (the only date in each paper),
# 'The meeting started at 7:00 PM.' (6:00 PM from May), an 'Attendees: Dr. Tauqeer Ali, Dr. Yasmin
# Sarfraz, ...' line, 'The minutes of <month> meeting were approved by ...' (from c), then short
# unnumbered paragraphs, from f under report sub-headings that recur every month: 'Finance
# Committee Report:', 'Website Rebuilding Update:', 'Membership Drive:', 'Social Committee
# Report:' (the November annual banquet), 'CME Committee Report:', 'APPNA National Healthcare
# Day:', 'Setting up New Free Clinics in Tulsa & OKC:'; it ends 'The meeting was concluded at 7:45
# pm.' A few paragraphs carry a later 'Note added: ...' sentence. There is no action list and no
# 'Action:' margin: tasks are narrative future-tense sentences naming a doctor ('Dr. Fuad will
# look into possibly generating a list of members from Tulsa ...', 'Dr. Tauqeer will try to obtain
# username and password of the website ...', 'It was agreed that Dr. Yasmin will go ahead and
# reserve Coles Garden as the venue ...', 'Dr. Tauqeer asked Dr. Latif to send final versions of
# last 6 months of meeting minutes ...'), owners by title and first name ('Dr. Tauqeer' = Dr.
# Tauqeer Ali, who leads the calls, 'Dr. Yasmin' = the treasurer Dr. Yasmin Sarfraz, 'Dr. Fuad' =
# Dr. Fuad Hassny, treasurer from 2019, 'Dr. Faisal'/'Dr. Latif' = Dr. Faisal Latif, 'Dr.
# Iftikhar' = Dr. Iftikhar Hussain), or a decision with no owner ('An email database of all
# members of the chapter will be compiled.'). Follow-ups are not flagged: the next month's
# paragraph on the same subject reports on it (the Bank of America signatory change: 'Request to
# add Dr. Tauqeer as a signatory ... has been submitted to BOA' -> 'Dr. Tauqeer has been added as
# an authorized signatory'; the website re-design with S&M Infosoft / PayPal -> 'the Chapter's
# website has been launched'; the February statement discrepancy carried from d to e; the annual
# banquet at Gaillardia on 11/10/18 and its CME programme through Amedco; the free clinics with
# ICNA; National Healthcare Day in Tulsa and OKC).
# The source names files by month ('January2018MeetingMinutes.docx', 'Sep2018MeetingMinutes.docx',
# 'July2018Meetingminutes.docx'); they are written here as appnaok-minutes-a.docx ... -l.docx in
# meeting order, so that the tool must find the dates in the text:
#   a = January2018MeetingMinutes.docx   2018-01-09    g = July2018Meetingminutes.docx   2018-07-19
#   b = Feb2018MeetingMinutes.docx       2018-02-01    h = August2018MeetingMinutes.docx 2018-08-23
#   c = March2018MeetingMinutes.docx     2018-03-13    i = Sep2018MeetingMinutes.docx    2018-09-06
#   d = April2018MeetingMinutes.docx     2018-04-05    j = Oct2018MeetingMinutes.docx    2018-10-04
#   e = May2018MeetingMinutes.docx       2018-05-03    k = Nov2018MeetingMinutes.docx    2018-11-01
#   f = June2018meetingminutes.docx      2018-06-13    l = December2018MeetingMinutes.docx 2018-12-06
# (the site's own list, resources/views/pages/meetings.blade.php, gives the same dates except
# 'December - 12/01/2018' for l, whose heading says 12/06/2018).
# Consecutive: each paper from c approves the previous month's minutes (j defers September's to
# email, k approves 'September & October'). Left out: January2018MeetingMinutes1.docx, a second
# copy of the January minutes that differs from a only by a typo ('Dr. Iftiakhar') and trailing
# blank paragraphs; the January 2019 minutes the site links ('APPNA minutes Jan 2019_TA.docx')
# are not in the snapshot. Never commit the papers themselves.
#
# Not a public body: no DOCX series of a public body or charity with a snapshot could be found
# (samisbakedham/CoCASUCSB, the UCSB student senate's Committee on Committees, and
# theshelbyinbox/cv-park-rec-site, an Oregon park district, have no snapshot to fetch).
#
# Source: github.com/stepholland/PayPal (a Laravel build of the chapter's website; despite the
# name it holds the site's pages and uploaded files), snapshot commit
# 7d8bf02e7fe81e776b4007d45187ea61f6f17231 (its only commit, 2019-10-05), folder
# public/img/meeting/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:stepholland/PayPal   -> /work/.mirror/stepholland+PayPal/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/stepholland+PayPal/repo
REV=7d8bf02e7fe81e776b4007d45187ea61f6f17231
D=public/img/meeting
papers=(
    "appnaok-minutes-a.docx=$D/January2018MeetingMinutes.docx"
    "appnaok-minutes-b.docx=$D/Feb2018MeetingMinutes.docx"
    "appnaok-minutes-c.docx=$D/March2018MeetingMinutes.docx"
    "appnaok-minutes-d.docx=$D/April2018MeetingMinutes.docx"
    "appnaok-minutes-e.docx=$D/May2018MeetingMinutes.docx"
    "appnaok-minutes-f.docx=$D/June2018meetingminutes.docx"
    "appnaok-minutes-g.docx=$D/July2018Meetingminutes.docx"
    "appnaok-minutes-h.docx=$D/August2018MeetingMinutes.docx"
    "appnaok-minutes-i.docx=$D/Sep2018MeetingMinutes.docx"
    "appnaok-minutes-j.docx=$D/Oct2018MeetingMinutes.docx"
    "appnaok-minutes-k.docx=$D/Nov2018MeetingMinutes.docx"
    "appnaok-minutes-l.docx=$D/December2018MeetingMinutes.docx"
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:stepholland/PayPal real/appnaok "${papers[@]}"
