#!/usr/bin/env bash
# Puts a real meeting series in real/scalaab/ (git-ignored): the Scala Center Advisory Board
# (the board of sponsoring companies and community representatives that steers the Scala Center
# at EPFL, Lausanne; it votes on Scala Center Proposals, 'SCP-NNN'), minutes of ten successive
# quarterly meetings, the 8th (Q1 2018, 16 March 2018) to the 17th (Q2 2020, 30 June 2020), as
# Markdown Jekyll posts (plain text, 235-448 lines each). House style: a Jekyll front-matter
# block that carries only 'layout: contact' (NO date or title in the front matter; kept byte
# for byte), the heading '# Minutes of the Nth meeting of the Scala Center, Qn YYYY', a
# '## Summary' (agenda link, the quarter's topics, a bullet list of new proposals '[SCP-0NN](link):
# title (proposer)' with a sub-bullet 'voted on and accepted' / 'voted on, not accepted', or
# 'No new proposals were made this quarter.'), '## Date, Time and Location' with the date written
# out ('on Friday, March 16, 2018', 'on Wednesday, December 5, 2018'), the secretary's name,
# '## Attendees' (board members, apologies, officers), then '## Proceedings', narrative prose by
# the secretary (Seth Tisue): 'Activities' (supplement to the director's linked report),
# 'Financial report', 'Proposals' ('#### SCP-0NN: ...', discussion, a bold '**Voting**:' line),
# 'Other business', 'Community feedback', 'Conclusion' (next meeting). Heading levels drift
# (i and j put 'Activities report', 'Proposals' at '##'). Actions are never labelled: they are
# reported speech ('Seb agreed to raise the topic on the board's mailing list ...', 'Jon will
# try to schedule ...', 'Stu will follow up with Adriaan ...', 'Seb promised to ...'), accepted
# proposals (recommendations to the Center) and Darja's bullet list of 'deliverables' (h).
# Recurring threads: SCP-017 LSP/STP working groups, SCP-018 TASTy for Scala 2 (staffing, a to
# g), SCP-019 (rejected), SCP-020 sbt dependency conflicts (d to j), SCP-021 Zinc (g, h), SCP-022
# JSR-45, SCP-023 BSP in sbt, SCP-024 diversity (announced f, discussed i, accepted j), funding
# and sponsorship tiers / 'contributor' membership / VirtusLab (b to j), moderation and the Code
# of Conduct, hiring, MOOCs, Scala 3 migration, Scalafix, Metals, Bloop, chair rotation.
# Oddity: f says 'Tuesday, June 19, 2019' (19 June 2019 was a Wednesday; e planned 'June 11',
# a Tuesday, before Scala Days 2019) - the source file name also says 2019-06-19.
# The source names each post by its date (minutes/_posts/<date>-<month>-<day>-<year>.md); they
# are written here as scalaab-minutes-a.md ... -j.md in meeting order, byte for byte (front
# matter kept), so the tool must find the dates in the text (the gold's notes map each name to
# its source file). Meetings in the set: 2018-03-16, 2018-06-19, 2018-09-21, 2018-12-05,
# 2019-03-06, 2019-06-19, 2019-09-11, 2019-12-16, 2020-03-27, 2020-06-30. Consecutive: the
# folder has one post a quarter and the papers number the meetings 8th ... 17th with no gap;
# the 7th (2017-12-01) before and the 18th (2020-10-28) after are left out.
# Never commit the papers themselves.
#
# Source: github.com/scala/scala.epfl.ch, snapshot commit
# 95fea3bbd180d174ff3d3e86879e293e192ed1fe, folder minutes/_posts/.
# Run this in the session first (it prints the git directory used below):
#   fetch github:scala/scala.epfl.ch   -> /work/.mirror/scala+scala.epfl.ch/repo
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=/work/.mirror/scala+scala.epfl.ch/repo
REV=95fea3bbd180d174ff3d3e86879e293e192ed1fe
D=minutes/_posts
papers=(
    scalaab-minutes-a.md=$D/2018-03-16-march-16-2018.md
    scalaab-minutes-b.md=$D/2018-06-19-june-19-2018.md
    scalaab-minutes-c.md=$D/2018-09-21-september-21-2018.md
    scalaab-minutes-d.md=$D/2018-12-05-december-5-2018.md
    scalaab-minutes-e.md=$D/2019-03-06-march-6-2019.md
    scalaab-minutes-f.md=$D/2019-06-19-june-19-2019.md
    scalaab-minutes-g.md=$D/2019-09-11-september-11-2019.md
    scalaab-minutes-h.md=$D/2019-12-16-december-16-2019.md
    scalaab-minutes-i.md=$D/2020-03-27-march-27-2020.md
    scalaab-minutes-j.md=$D/2020-06-30-june-30-2020.md
)
exec scripts/fetch_pinned.sh "$SRC" "$REV" github:scala/scala.epfl.ch real/scalaab "${papers[@]}"
