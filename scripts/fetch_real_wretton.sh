#!/usr/bin/env bash
# Puts a real meeting series in real/wretton/ (git-ignored): Wretton Parish Council (Norfolk,
# England), minutes of nine ordinary meetings, 8 July 2008 - 11 January 2010, as Markdown pages of
# the Stoke Ferry village website, published two to four months after each meeting (front matter
# with the page's publication date - never the meeting date - then the minutes as short prose
# paragraphs: Present, Apologies, Minutes, Matters Arising, Chairman's/Clerk's Report, accounts,
# correspondence, planning, "Other Reports", Open Session; actions mostly passive, "The Clerk will
# investigate ...", "Highways will be approached ..."). The meeting dates are in the text only.
# The 12 May 2009 Annual Meeting of the Council (src/2009/08/wretton-annual-parish-council-meeting)
# is not included, so May 2009 is the one gap. src/2009/11/minutes-of-wretton-parish-council-meeting-6
# is left out: it is the same September 2009 minutes as src/2009/11/minutes-of-wretton-parish-council-2
# (only the title and first line differ).
# Never commit the papers themselves.
#
# Source: github.com/lovell/stokeferry.com, snapshot commit
# 867787f897f6b1e7bd4f70907041723dc11dd69c, folder src/<year>/<month>/<slug>/index.md.
# Run this in the session first (it prints the git directory used below):
#   fetch github:lovell/stokeferry.com   -> /work/.mirror/lovell+stokeferry.com/repo
# Every paper is named index.md: each is written as real/wretton/<slug>.md (the page's folder
# name, not the meeting date, so that the tool must find the dates itself).
# Takes no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

SF=/work/.mirror/lovell+stokeferry.com/repo
REV=867787f897f6b1e7bd4f70907041723dc11dd69c
papers=(
    minutes-of-wretton-parish-council-meeting-4.md=src/2008/10/minutes-of-wretton-parish-council-meeting-4/index.md
    wretton-pc-minutes.md=src/2008/12/wretton-pc-minutes/index.md
    wretton-pc-minutes-2.md=src/2009/02/wretton-pc-minutes-2/index.md
    minutes-of-wretton-parish-council-meeting-5.md=src/2009/04/minutes-of-wretton-parish-council-meeting-5/index.md
    wretton-pc-minutes-3.md=src/2009/06/wretton-pc-minutes-3/index.md
    minuted-of-wretton-parish-council.md=src/2009/09/minuted-of-wretton-parish-council/index.md
    minutes-of-wretton-parish-council-2.md=src/2009/11/minutes-of-wretton-parish-council-2/index.md
    minutes-of-wretton-parish-council-3.md=src/2010/02/minutes-of-wretton-parish-council-3/index.md
    wretton-pc-minutes-4.md=src/2010/03/wretton-pc-minutes-4/index.md
)
exec scripts/fetch_pinned.sh "$SF" "$REV" github:lovell/stokeferry.com real/wretton "${papers[@]}"
