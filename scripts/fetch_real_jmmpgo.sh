#!/usr/bin/env bash
# Puts a real meeting series in real/jmmpgo/ (git-ignored): the JMMP global ocean (GO) model
# development meetings - the quarterly meetings of the Joint Marine Modelling Programme's
# global-ocean group (UK Met Office, NOC Southampton/Liverpool, with ECMWF guests), which
# develops the GOSI ocean/sea-ice configurations (GOSI9, GOSI10 on NEMO 5) - minutes of ten
# consecutive quarterly meetings, 9 November 2023 - 5 February 2026 (chair Ana Aguiar, 'AA';
# minutes by Dave Storkey 'DS' (a-d), AA (e), then by rota: AA with Isabella Ascione 'IA' (f), Adam
# Blaker 'AB' (g), Daley Calvert 'DC' (h), Emma Fiedler 'EF' (i), Diego Bruciaferri 'DB' (j)).
# MARKDOWN files (GitHub-flavoured, kept as they are: no PDF/DOCX series with an action log was
# found in the search time), 2,700-10,100 characters each. The monthly developer meetings in
# between are not minuted ('We only minute the quarterly meetings, not the monthly ones.').
# House style: heading '# JMMP global model development meeting minutes' (a), '# JMMP global
# ocean model development meeting minutes' (b-f), '# JMMP GO model development meeting minutes'
# (g-j); the date on its own line under it ('9th November 2023.', '26th Sep 2024.', from g in
# italics with the weekday '*Thursday 15th May 2025*'); 'Participants:' with names and
# initials ('Ana Aguiar (AA - chair)', 'Dave Storkey (DS - minutes)'), 'Apologies:', from g an
# italic note on the minuting rota; '## Agenda:' (numbered), then sections under '##'/'####'
# headings with bullet lists ('_OSMOSIS_:', '(AM) _GOSI10 on Monsoon_:', '**(SK)** ...').
# Everyone is named by initials; owners are initials, pairs 'AA/CG', groups '(All)', '(All
# Met Office)', '(All speakers)', 'Met Office team', 'OM team'. How actions are written
# changes through the series:
#   a   inline bold '**Action: DS to email Jérôme about this.**' after the discussion point;
#       no action list.
#   b-f a numbered log: '## Actions' at the end, '* 2.1 AA to pass AM contact to Alejandro re
#       GC5 tuning.' (number = meeting.item; the body marks the point with '**Action 2.1**');
#       the next paper reviews it under 'Actions from previous meetings' / 'Review actions from
#       previous meetings': '**Action 2.1: AA to pass ... tuning.** _Done. Closed_' / '_Ongoing_';
#       open actions are re-listed (2.5 in c, 4.1 in e), sometimes reworded or reassigned
#       (1.1 in b, 2.4 in c: 'Create a scoping action to decide what to do about river input').
#   g   '## Actions:' with bullets '**(AB)** Check and send any details ...' (owner first, in
#       parentheses); g says 'there are no actions to review this time!' although f set 6.1.
#   h-j a Markdown task list '## Actions from last meeting:' with '- [x]' (done) / '- [ ]'
#       (open) per action, progress notes after ' -- [' or on a sub-bullet; '## Actions:' at
#       the end with '* Carried forward from previous meeting:' and new bullets '(AM) Share
#       numerical mixing paper draft.'; sub-bullets are sub-tasks (h: two questions for Met
#       Office Science IT; the list of timestep experiments).
# Some tasks are only in the prose ('CG said that she will create a Monsoon version of p1.1',
# 'IA will arrange a meeting with sea ice people ...', '[Actions: OM team will meet again ...]').
# Follow-ups: the review list at the top of the next paper, the re-listing under
# 'Carried forward', and the recurring topics (JRA55 river runoff b-j; EN4 versus WOA initial
# conditions a-f; Monsoon3 migration g-j; NEMO 5 RK3 timestep dependence h-j; ice-shelf/iceberg
# latent heat and supercooling g-j; Renault current feedback d, g).
# The source names files minutes_<DDMonYYYY>.md; they are written here as
# jmmpgo-minutes-a.md ... -j.md in meeting order, so that the tool must find the dates in the
# text (the gold's notes map each name to its source file):
#   a = meetings/minutes_09Nov2023.md   2023-11-09
#   b = meetings/minutes_14Feb2024.md   2024-02-14
#   c = meetings/minutes_09May2024.md   2024-05-09
#   d = meetings/minutes_26Sep2024.md   2024-09-26
#   e = meetings/minutes_14Nov2024.md   2024-11-14
#   f = meetings/minutes_13Feb2025.md   2025-02-13
#   g = meetings/minutes_15May2025.md   2025-05-15
#   h = meetings/minutes_18Sep2025.md   2025-09-18 (the August quarterly meeting, 'Aug 14th,
#       pending quorum' in g, was held in September)
#   i = meetings/minutes_20Nov2025.md   2025-11-20
#   j = meetings/minutes_05Feb2026.md   2026-02-05
# Left out: README.md, the slides in meetings/slides/ (PDF, PPTX) that i and j link to, and a
# PNG figure; later minutes (21 May 2026 and after) are not in this snapshot. Never commit the
# papers themselves.
#
# Source: github.com/JMMP-Group/GO_coordination, snapshot commit
# 56a16f9b823625fe89e8d0bc27c21d3cc065c71b (2026-03-23), folder meetings/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:JMMP-Group/GO_coordination   -> /work/.mirror/JMMP-Group+GO_coordination/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/JMMP-Group+GO_coordination/repo
REV=56a16f9b823625fe89e8d0bc27c21d3cc065c71b
D=meetings
papers=(
    "jmmpgo-minutes-a.md=$D/minutes_09Nov2023.md"
    "jmmpgo-minutes-b.md=$D/minutes_14Feb2024.md"
    "jmmpgo-minutes-c.md=$D/minutes_09May2024.md"
    "jmmpgo-minutes-d.md=$D/minutes_26Sep2024.md"
    "jmmpgo-minutes-e.md=$D/minutes_14Nov2024.md"
    "jmmpgo-minutes-f.md=$D/minutes_13Feb2025.md"
    "jmmpgo-minutes-g.md=$D/minutes_15May2025.md"
    "jmmpgo-minutes-h.md=$D/minutes_18Sep2025.md"
    "jmmpgo-minutes-i.md=$D/minutes_20Nov2025.md"
    "jmmpgo-minutes-j.md=$D/minutes_05Feb2026.md"
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:JMMP-Group/GO_coordination real/jmmpgo "${papers[@]}"
