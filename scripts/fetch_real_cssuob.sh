#!/usr/bin/env bash
# Puts a real meeting series in real/cssuob/ (git-ignored): the committee of the Computer Science
# Society of the University of Birmingham (CSS, a student society of the Guild of Students, UK),
# minutes of six consecutive weekly committee meetings, 28 September - 3 November 2025 (the first
# half of the autumn term; chair Matty Widdop (MW), minute-taker Marcus Gustafsson (MG)).
# All six are PDFs exported from Google Docs ('Skia/PDF m145 Google Docs Renderer'), real text
# layer, 4-6 pages each; the PDF metadata title is 'CSS Minutes - 2025-09-28' etc.
# House style: a logo whose font extracts as junk ('s41', 'ACAC3t`k t'), the heading 'CSS
# Committee Meeting - Minutes', a label grid 'Location: Discord' / 'Date: Monday 6th October' /
# 'Time: 18:00 BST' / 'Attendees: Matty Widdop (MW) (Chair), Marcus Gustafsson (MG) (Minuting),
# ...' - the date line has NO YEAR (the year is only in the source path), and a's 'Friday 28th
# September' names the wrong weekday (28 September 2025 was a Sunday). Then a numbered agenda
# table (number, item, lead's initials in the right-hand column): 1 Apologies, 2 Adoption of
# Previous Minutes, 3 Matters Arising (always empty in this run), 4 Committee Handover, 5 Past
# Events, 6 Future Events (standing item), 7 Sponsor/Industry Update, 8 Finance Report, 9 EDI
# Report, 10 Committee Suggestions, 11 Any Other Business, and a closing grid 'Actual start time
# / Actual end time / Duration'. Under each item, nested bullet lists (three levels: event ->
# point -> detail) in clipped note style with initials ('MW reports ...', 'MG suggests ...').
# Actions are bullet lines 'ACTION MW: Contact Valyfy' / 'Action TL: Find drive transfer script
# at some point' (capitals vary; owner = initials, or 'V', 'New Committee'), and an open action
# is COPIED into every later week's minutes under the same event heading with a status
# sub-bullet: 'Action carried forwards', 'Action in progress', 'Action complete(d)', 'Action
# cancelled', sometimes with a detail ('MW reports there are 7 in the cupboard'); completed ones
# are then dropped. So follow-ups are the repeated action line plus its status bullet in the
# next paper(s). No due dates; events carry their own dates ('Halloween Quiz - Thursday 30th
# October').
# The source keeps each meeting in assets/meetings/YYYY/MM/DD/ (agenda.pdf/.html,
# minutes.pdf/.html); the minutes PDFs are written here as cssuob-minutes-a.pdf ... -f.pdf in
# meeting order, so that the tool must find the dates in the text:
#   a = assets/meetings/2025/09/28/minutes.pdf   2025-09-28 (text: 'Friday 28th September')
#   b = assets/meetings/2025/10/06/minutes.pdf   2025-10-06 (Monday 6th October)
#   c = assets/meetings/2025/10/13/minutes.pdf   2025-10-13
#   d = assets/meetings/2025/10/20/minutes.pdf   2025-10-20
#   e = assets/meetings/2025/10/27/minutes.pdf   2025-10-27
#   f = assets/meetings/2025/11/03/minutes.pdf   2025-11-03
# Left out: the Extraordinary General Meeting of 22 October 2025 (assets/meetings/2025/10/
# 22_egm/, a members' general meeting - elections, no actions - not a committee meeting); the
# HTML copies of the same minutes (minutes.html) and the agendas; the earlier meetings of the
# 2025-26 committee (5, 12 and 19 September - the 19 September minutes are headed 'Friday 12th
# September', a copied header) and the later ones (11 November onwards), to keep the set to six
# consecutive weekly meetings; and the 2020-2025 papers of earlier committees. Never commit the
# papers themselves.
#
# Source: github.com/CSSUoB/cssuob.github.io (the society's website, a Jekyll site), snapshot
# commit f586e6820ac55875cbe3d3359e22dc50b4677233, folder assets/meetings/2025/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:CSSUoB/cssuob.github.io   -> /work/.mirror/CSSUoB+cssuob.github.io/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/CSSUoB+cssuob.github.io/repo
REV=f586e6820ac55875cbe3d3359e22dc50b4677233
D=assets/meetings/2025
papers=(
    "cssuob-minutes-a.pdf=$D/09/28/minutes.pdf"
    "cssuob-minutes-b.pdf=$D/10/06/minutes.pdf"
    "cssuob-minutes-c.pdf=$D/10/13/minutes.pdf"
    "cssuob-minutes-d.pdf=$D/10/20/minutes.pdf"
    "cssuob-minutes-e.pdf=$D/10/27/minutes.pdf"
    "cssuob-minutes-f.pdf=$D/11/03/minutes.pdf"
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:CSSUoB/cssuob.github.io real/cssuob "${papers[@]}"
