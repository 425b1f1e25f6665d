"""A club committee's minutes kept as wiki pages (Markdown with front matter), in the shape such
wikis give them: the page's title and links to the meetings either side, then "# Minutes" over
the roll; a table reviewing the last meeting's action items with their status; tables of
motions (moved, seconded) and of motions voted online; action items as bullets under their own
heading, a sentence closed by "ACTION.", and an "Action Summary" table whose rows may name
nobody yet. Every name and body here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from trace_fixtures import write_papers

from ingest.pipeline import extract_path

FRONT = """---
title: "{iso}"
published: true
date: 2025-11-15T17:56:45.831Z
editor: markdown
dateCreated: 2024-01-02T05:01:26.329Z
---

"""

FEBRUARY = FRONT.format(iso="2024-02-10") + """# Committee Meeting [2024.02.10](2024.02.10)

Previous meeting: [2024-01-13](/minutes/Committee/2024-01-13)

Next meeting: [2024-03-09](/minutes/Committee/2024-03-09)

The table of contents on the left side of the page forms the agenda of this meeting.

# Minutes

## Members Present

* Present: Tamsin Odell, Rafe Quarry, Noor Calloway, Idris Penhale
* Apologies: Wren Ashby
* Minute taker: Rafe

## Review Online Motions

| Date raised | Date completed | Motion text | Outcome |
|-------------|----------------|-------------|---------|
| 2024.01.20  | 2024.01.22     | Accept Ola Brandt's membership application | Passed |

## Property Report

* The dust extractor in the wood shop is losing suction and needs its filter bags replaced.

Need to restock the first aid cabinet. ACTION.

## Other Business

### Tool loans

| Action Items | Who |
| ------------ | --- |
| Replace the dust extractor filter bags | Idris |

| Motion Text | Moved by | Seconded by | Status |
| ----------- | -------- | ----------- | ------ |
| Adopt the tool loan agreement as drafted | Tamsin | Noor | Accepted |

#### Action Items

* Publish the tool loan agreement on the wiki.
* Email every member who has a tool on loan.

## Action Summary

| Action Items | Who | Status |
| ------------ | --- | ------ |
| Replace the dust extractor filter bags | Idris |  |
| Obtain a quote for a second laser cutter tube |  |  |
| Publish the tool loan agreement on the wiki | Rafe | Ongoing |
"""

MARCH = FRONT.format(iso="2024-03-09") + """# Committee Meeting - 2024-03-09

Previous meeting: [2024-02-10](/minutes/Committee/2024-02-10)

Next meeting: [2024-04-13](/minutes/Committee/2024-04-13)

# Minutes

## Members Present

* Present: Tamsin Odell, Rafe Quarry, Noor Calloway, Idris Penhale, Wren Ashby
* Minute taker: Rafe

## Review Previous Meeting's Action Items

| Action Items | Who | Status |
|--------------|-----|--------|
| Replace the dust extractor filter bags | Idris | Done |
| Obtain a quote for a second laser cutter tube | ??? | No progress |
| Publish the tool loan agreement on the wiki | Rafe | Done |

## Treasurer's Report

* The operations account balance is healthy after the annual renewals.
"""


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> dict[str, object]:
    folder = write_papers(tmp_path_factory.mktemp("committee"), {"feb.md": FEBRUARY, "mar.md": MARCH})
    docs = extract_path(str(folder))
    return {Path(d.source).name: d for d in docs} | {"_all": docs}


def test_each_page_is_one_meeting_dated_by_its_title(papers) -> None:
    assert len(papers["_all"]) == 2  # "# Minutes" under the page's title opens no second paper
    feb, mar = papers["feb.md"], papers["mar.md"]
    assert feb.date == "2024-02-10"  # the wiki link's date "2024.02.10", not the previous meeting's
    assert mar.date == "2024-03-09"
    assert feb.group == mar.group == "Committee"
    assert feb.title.startswith("Committee Meeting") and mar.title.startswith("Committee Meeting")


def test_the_paper_s_own_actions_in_every_house_form(papers) -> None:
    texts = {a.text.rstrip(".") for a in papers["feb.md"].actions}
    assert "Need to restock the first aid cabinet" in texts
    assert "Publish the tool loan agreement on the wiki" in texts
    assert "Email every member who has a tool on loan" in texts
    assert "Replace the dust extractor filter bags" in texts
    # a summary row that names nobody yet is still a task
    quote = [a for a in papers["feb.md"].actions if a.text == "Obtain a quote for a second laser cutter tube"]
    assert quote and quote[0].owners == []


def test_motions_and_their_movers_are_no_actions(papers) -> None:
    for action in papers["feb.md"].actions:
        assert not {"Moved by", "Seconded by", "Date completed", "Tamsin", "Noor"} & set(action.owners), action
        assert "membership application" not in action.text
        assert "Adopt the tool loan agreement" not in action.text


def test_a_review_of_last_meeting_s_actions_sets_no_new_ones(papers) -> None:
    assert papers["mar.md"].actions == []


def test_the_review_row_is_the_follow_up_of_the_earlier_action(papers) -> None:
    from index.trace import select_traces

    traces = select_traces(papers["_all"], every=True)
    trace = next(t for t in traces if t["action"]["text"] == "Replace the dust extractor filter bags"
                 and t["action"]["source"].endswith("feb.md") and "Idris" in t["action"]["owners"])
    later = [link for link in trace["chain"] if link["source"].endswith("mar.md")]
    assert any("Replace the dust extractor filter bags" in link["text"] and link["relation"] == "completed"
               for link in later), later
