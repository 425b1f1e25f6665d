#!/usr/bin/env bash
# Puts a real meeting series in real/sfpc/ (git-ignored): Stoke Ferry Parish Council (Norfolk,
# England), its ordinary meetings of 7 March 2018 - 3 April 2019 (13; the May 2018 one is the
# Annual Meeting of the Parish Council; the 1 August 2018 meeting has no page in the snapshot, so
# it is the one gap). Markdown pages of a
# village website, each one long paragraph or a few: "Draft Minutes ... Ordinary Meeting ...
# Wednesday <date>", Attendance, then numbered items "NN/18 Title" with prose actions ("The Clerk
# agreed to ...", "Cllr X agreed to ..."), Matters Arising, DECISION/RESOLVED lines, bills.
# Never commit the papers themselves.
#
# Source: github.com/lovell/stokeferry.com, snapshot commit
# 867787f897f6b1e7bd4f70907041723dc11dd69c, folder src/<year>/<month>/<slug>/index.md.
# Run this in the session first (it prints the git directory used below):
#   fetch github:lovell/stokeferry.com   -> /work/.mirror/lovell+stokeferry.com/repo
# Every paper is named index.md: each is written as real/sfpc/<meeting date>.md (the date the
# minutes give, not the page's).
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SF=/work/.mirror/lovell+stokeferry.com/repo
REV=867787f897f6b1e7bd4f70907041723dc11dd69c
papers=(
    2018-03-07.md=src/2018/07/stoke-ferry-parish-council-march-meeting-minutes/index.md
    2018-04-04.md=src/2018/07/stoke-ferry-parish-council-april-meeting-minutes/index.md
    2018-05-02.md=src/2018/07/stoke-ferry-parish-council-minutes-of-may-meeting/index.md
    2018-06-06.md=src/2018/07/stoke-ferry-parish-council-june-meeting-3/index.md
    2018-07-04.md=src/2018/09/stoke-ferry-parish-council-july-meeting-minutes/index.md
    2018-09-05.md=src/2018/11/stoke-ferry-parish-council-minutes-of-september-meeeting/index.md
    2018-10-03.md=src/2018/11/stoke-ferry-parish-council-minutes-of-october-meeting/index.md
    2018-11-07.md=src/2018/11/stoke-ferry-parish-council-minutes-of-november-meeting/index.md
    2018-12-05.md=src/2019/03/stoke-ferry-pc-december-minutes/index.md
    2019-01-09.md=src/2019/03/stoke-ferry-parish-council-january-meeting-2/index.md
    2019-02-06.md=src/2019/03/stoke-ferry-parish-council-minutes-february/index.md
    2019-03-06.md=src/2019/04/stoke-ferry-parish-council-minutes-march/index.md
    2019-04-03.md=src/2019/04/stoke-ferry-parish-coiuncil-minutes-april/index.md
)
exec scripts/fetch_pinned.sh "$SF" "$REV" github:lovell/stokeferry.com real/sfpc "${papers[@]}"
