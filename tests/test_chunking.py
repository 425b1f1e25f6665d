"""Passages join the small blocks under one heading of one item (ingest/chunking.py), so that
a bullet is found by the words of the heading above it and a page of results is not ten
fragments of one item; table rows, items, pages and long text still part them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ingest.chunking import CHUNK_CHARS
from ingest.segment import build_passages, segment_documents
from search_cli.main import cli

MINUTES = (
    "PARKS COMMITTEE\n\nMINUTES OF MEETING HELD ON 3 MARCH 2021\n\n"
    "1. Membership Applications\n\n"
    "- Westfield application has been accepted subject to a constitution.\n"
    "- Northgate have sent new proposals after the last meeting.\n\n"
    "2. Grounds maintenance\n\n"
    "The contractor reported on the spring planting.\n\n"
    "Item\tAction\tOwner\tStatus\n1\tReport on planting\tClerk\tOpen\n2\tOrder benches\tTreasurer\tDone\n"
)


def _minutes(text: str = MINUTES):
    docs = segment_documents(text, "parks.txt", [], [], [], [])
    doc = next(d for d in docs if d.doc_type == "minutes")
    build_passages(doc)
    return doc


def test_heading_and_its_bullets_are_one_passage_of_the_item():
    doc = _minutes()
    first = next(p for p in doc.passages if "Westfield" in p.text)
    assert first.text.startswith("1. Membership Applications") and "Northgate" in first.text
    assert first.location == "1"
    # the next item opens its own passage
    second = next(p for p in doc.passages if "spring planting" in p.text)
    assert second is not first and second.location == "2" and "Westfield" not in second.text
    # passage ids stay in reading order, without gaps
    assert [p.passage_id for p in doc.passages] == [f"{doc.doc_id}-p{n:03d}" for n in range(1, len(doc.passages) + 1)]
    assert all(doc.text[p.start:p.end] == p.text for p in doc.passages)


def test_table_rows_stay_passages_of_their_own(tmp_path: Path):
    from ingest.pipeline import extract_path

    path = tmp_path / "2021-03-03 parks minutes.txt"
    path.write_text(MINUTES, encoding="utf-8")
    doc = next(d for d in extract_path(str(path)) if d.doc_type == "minutes")
    rows = [p for p in doc.passages if p.kind == "table_row"]
    assert len(rows) >= 2 and all(p.text.count("\n") == 0 for p in rows)
    assert any("Order benches" in p.text for p in rows)


def test_long_text_under_a_heading_is_cut_at_the_size():
    paragraph = "The committee discussed the tree survey and the cost of the work in detail. "
    body = "\n\n".join(paragraph * 2 for _ in range(12))
    doc = _minutes(f"PARKS COMMITTEE\n\nMINUTES OF MEETING HELD ON 3 MARCH 2021\n\n1. Trees\n\n{body}\n")
    under = [p for p in doc.passages if "tree survey" in p.text]
    assert len(under) > 1
    assert all(len(p.text) <= CHUNK_CHARS for p in under)


def test_a_bullet_is_found_by_the_words_of_its_heading(tmp_path: Path):
    (tmp_path / "2021-03-03 parks minutes.txt").write_text(MINUTES, encoding="utf-8")
    index = tmp_path / "ix"
    runner = CliRunner()
    assert runner.invoke(cli, ["--index", str(index), "ingest", str(tmp_path / "2021-03-03 parks minutes.txt")]).exit_code == 0
    out = runner.invoke(cli, ["--index", str(index), "search", "membership applications accepted", "--json"])
    hits = json.loads(out.output)["hits"]
    # one hit shows the heading and the bullet it asked about, not two fragments
    assert "Membership Applications" in hits[0]["text"] and "Westfield application has been accepted" in hits[0]["text"]


# Markdown minutes with no item numbers: every block is cited as its own "para N".
NOTES = (
    "# Steering committee minutes, 12 March 2015\n\n"
    "## Updates from subcommittees\n\n"
    "* Fees\n\n"
    "    * Liaison: Dana Ortiz\n\n"
    "    * Update: met with the treasurer and the two trainers.\n\n"
    "* Mentoring\n\n"
    "    * No news this time.\n\n"
    "## Open items\n\n"
    "- 2015-47: LM - Join the developers' mailing list and report back to the committee.\n"
    "- 2015-46: RG - Circulate the address of the new portal to every partner.\n\n"
    "## Discussion\n\n"
    "The committee discussed the budget.\n\n"
    "It agreed to revisit it in May.\n"
)


def test_unnumbered_sub_bullets_join_their_bullet_and_records_stay_apart(tmp_path: Path):
    from ingest.pipeline import extract_path

    path = tmp_path / "minutes-2015-03-12.md"
    path.write_text(NOTES, encoding="utf-8")
    passages = [p for d in extract_path(str(path)) for p in d.passages]
    fees = next(p for p in passages if "met with the treasurer" in p.text)
    # the update is found under its subcommittee, not alone
    assert "* Fees" in fees.text and "Liaison: Dana Ortiz" in fees.text
    assert "Mentoring" not in fees.text  # a bullet after sub-bullets opens the next part
    # the lines of a list of records (an action list) stay one passage each
    records = [p for p in passages if "2015-4" in p.text]
    assert len(records) == 2
    # paragraphs under one heading read as one passage
    talk = next(p for p in passages if "discussed the budget" in p.text)
    assert "revisit it in May" in talk.text


def test_notes_under_one_bullet_stay_together_past_the_size(tmp_path: Path):
    from ingest.pipeline import extract_path

    note = "  * {who} said the release signing needs a second key holder and a written process for it.\n"
    item = "* Signing keys for the next release\n" + "".join(note.format(who=w) for w in
                                                            ("Dana", "Ravi", "Lena", "Omar", "Tom", "Ana",
                                                             "Priya", "Sam", "Beth", "Jane", "Olu", "Kim",
                                                             "Zoe", "Max", "Ivy", "Lou"))
    path = tmp_path / "2025-02-11.md"
    path.write_text("# Harbour Steering Group Meeting 2025-02-11\n\n## Agenda\n\n" + item
                    + "* Build machines\n  * Nothing to report.\n", encoding="utf-8")
    passages = [p for d in extract_path(str(path)) for p in d.passages if "release signing" in p.text]
    assert len(item) > CHUNK_CHARS and len(passages) > 1  # cut by the size ...
    # ... and each sibling note joins the passage before it: no note stands alone
    assert all(p.text.count("release signing") > 1 for p in passages)
    assert not any("Build machines" in p.text for p in passages)


def test_a_third_level_mark_joins_the_point_it_sits_under(tmp_path: Path):
    # An office suite's export prints a list's levels as "●", "○", "■" and drops the indent:
    # "■" under "○" under "●" is one point with its notes, not three records.
    from ingest.pipeline import extract_path

    path = tmp_path / "society-minutes.txt"
    path.write_text("Chess Society Committee Meeting - Minutes\n\nDate: Monday 13th October 2025\n\n"
                    "5 Past Events All\n● Freshers Fair\n○ Stall\n■ RQ reports forty people signed up at the stall\n"
                    "● Simul night\n○ NK reports the hall was too small\n", encoding="utf-8")
    passages = [p for d in extract_path(str(path)) for p in d.passages]
    fair = next(p for p in passages if "forty people signed up" in p.text)
    assert "Freshers Fair" in fair.text
    assert "Simul night" not in fair.text
