#!/usr/bin/env bash
# Puts a real meeting series in real/uosl6/ (git-ignored): the weekly meeting minutes of 'Level 6
# Group 1', a four-person student games-development team (University of Suffolk games course,
# 2017-18 group project; programmer Connor, artists Caitlin and Jamie, designer Jordan; 'Dave' is
# their tutor) building a mobile hex-tile puzzle game about the star signs with a currency called
# 'stardust'. Ten successive meetings, 22 November 2017 - 25 April 2018, as Word documents (.docx,
# one page each, no scans). House style: no title or body name in the text; the first line is a
# one-row table 'Meeting date: 22/11/17 | Room: 2.13 | Time: 11.00 - 16:00' (day/month/year, two- or
# four-digit year, sic '14/2/2017' for the 14 February 2018 meeting), then 'Discussed topics:' with
# free paragraphs or short lists (some meetings have none), then per person a task table:
# 'Connor tasks:' / 'Caitlin tasks:' / 'Jamie tasks' / 'Jordan tasks:' with rows task | hours
# ('3h', '3 hours', '15 mins', or a bare number '3'); many empty rows. Actions are only these task
# rows (first names only, no due dates, no status); nothing is numbered. Follow-up is implicit: an
# unfinished task is simply listed again in the next meeting's table (e.g. 'Keep working on concept
# power up', 'Tweak UI based on feedback (visual hierarchy?)'), reworded ('Save Levels' / 'Load
# Levels' after 'Allow for saving/loading of levels'; 'Finalise currency', 'Figure out economy'),
# or reported on in 'Discussed topics' ('Game is currently in a position where levels can be saved
# but not loaded. Should be done by Wednesday.'). i (16/04/18) replaces the whole backlog with an
# unassigned list and empty task tables; j assigns those items. Recurring threads: level editor,
# saving/loading levels, stardust currency and rewards database, power-ups, characters and the
# companion character, overworld and level select, UI visual hierarchy, Android build, narrative
# script, shop, sound effects, playtesting, pitches.
# The source names the files 'Meeting N.docx' (N = 1-16); they are written here as
# uosl6-minutes-a.docx ... -j.docx in meeting order (source meetings 7-16), so the tool must find
# the dates in the text. Meetings: 2017-11-22, 2017-11-29, 2017-12-04, 2018-01-31, 2018-02-07,
# 2018-02-14, 2018-02-21, 2018-03-07, 2018-04-16, 2018-04-25. Left out: meetings 1-6 (11/10/2017 -
# 14/11/2017), the template (.dotx) and Word lock files. Never commit the papers themselves.
#
# Source: github.com/UoSGroupProjects1718/level-6-l6-group-1, snapshot commit
# a72b67c1ca82ef5007856182632d568e9f239c74, folder 'Meeting Minutes/'.
# Run this in the session first (it prints the git directory used below):
#   fetch github:UoSGroupProjects1718/level-6-l6-group-1
#     -> /work/.mirror/UoSGroupProjects1718+level-6-l6-group-1/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/UoSGroupProjects1718+level-6-l6-group-1/repo
REV=a72b67c1ca82ef5007856182632d568e9f239c74
D="Meeting Minutes"
papers=(
    "uosl6-minutes-a.docx=$D/Meeting 7.docx"
    "uosl6-minutes-b.docx=$D/Meeting 8.docx"
    "uosl6-minutes-c.docx=$D/Meeting 9.docx"
    "uosl6-minutes-d.docx=$D/Meeting 10.docx"
    "uosl6-minutes-e.docx=$D/Meeting 11.docx"
    "uosl6-minutes-f.docx=$D/Meeting 12.docx"
    "uosl6-minutes-g.docx=$D/Meeting 13.docx"
    "uosl6-minutes-h.docx=$D/Meeting 14.docx"
    "uosl6-minutes-i.docx=$D/Meeting 15.docx"
    "uosl6-minutes-j.docx=$D/Meeting 16.docx"
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:UoSGroupProjects1718/level-6-l6-group-1 real/uosl6 "${papers[@]}"
