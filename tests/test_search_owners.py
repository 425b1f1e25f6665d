"""A query that names a person asks for their tasks (issue 15): "what has Cllr Jane Roe agreed to
do" puts the passages holding her actions first, above passages that merely name her, on both
engines. Papers written here in the shape of a parish council's minutes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from index.search import named_people
from search_cli.main import cli

TOPICS = ["footpath signs", "dog bins", "street lights", "war memorial", "playground inspection",
          "grass cutting", "precept", "website", "noticeboard", "speed watch", "tree survey", "litter pick"]


def minutes(date: str, first: int, items: list[tuple[str, str]]) -> str:
    head = f"Hollow Parish Council\nMinutes of the meeting held on {date}\n\n" \
           "Present: Cllr Jane Roe (Chair), Cllr Tom Bell, Cllr Ann Fox\n"
    body = [f"{first + i}/20 {title}\n{text}" for i, (title, text) in enumerate(items)]
    body += [f"{first + len(items) + i}/20 {t.title()}\nMembers noted the report on the {t}; the Clerk will circulate it."
             for i, t in enumerate(TOPICS)]
    return head + "\n" + "\n\n".join(body) + "\n"


PAPERS = {
    "2020-03-04 minutes.txt": minutes("4 March 2020", 12, [
        ("Summer fete", "Cllr Jane Roe thanked the volunteers; the fete had been a success."),
        ("Verges", "Jane Roe to write to the highways team about the verges on Mill Lane."),
        ("Bus shelter", "The bus shelter glass was broken again. Tom Bell to get quotes for new glass."),
    ]),
    "2020-04-01 minutes.txt": minutes("1 April 2020", 40, [
        ("Chair's remarks", "Cllr Jane Roe told members that the village hall roof was in good repair."),
        ("Allotments", "Cllr Jane Roe reported that all plots were let."),
    ]),
}


def foi(index: Path, *args: str):
    return CliRunner().invoke(cli, ["--index", str(index), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("owners")
    papers = base / "papers"
    papers.mkdir()
    for name, text in PAPERS.items():
        (papers / name).write_text(text, encoding="utf-8")
    out = {}
    for engine in ("whoosh", "fts5"):
        out[engine] = base / engine
        result = foi(out[engine], "ingest", "--engine", engine, str(papers))
        assert result.exit_code == 0, result.output
    return out


def hits(index: Path, query: str) -> list[dict]:
    result = foi(index, "search", query, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["hits"]


@pytest.mark.parametrize("engine", ["whoosh", "fts5"])
@pytest.mark.parametrize("query", ["what has Cllr Jane Roe agreed to do", "what is Jane Roe responsible for",
                                   "what did Jane agree to do", "Roe actions"])
def test_a_named_owner_s_actions_come_first(indexes, engine, query):
    found = hits(indexes[engine], query)
    assert found[0]["text"].endswith("Jane Roe to write to the highways team about the verges on Mill Lane.")
    # Passages that name her without a task of hers follow, still found.
    assert any("told members that the village hall roof" in h["text"] for h in found[1:])


def test_both_engines_rank_alike(indexes):
    for query in ("what has Cllr Jane Roe agreed to do", "Tom Bell glass", "verges"):
        assert hits(indexes["fts5"], query) == hits(indexes["whoosh"], query), query


def test_a_name_that_owns_nothing_changes_nothing(indexes):
    # Ann Fox owns no action: her name is words like any other (the roll call holds them).
    found = hits(indexes["whoosh"], "what has Cllr Ann Fox agreed to do")
    assert "Ann Fox" in found[0]["text"] and "Jane Roe to write" not in found[0]["text"]


@pytest.mark.parametrize("query, names", [
    ("what has Cllr Daphne Clements agreed to do", ["Daphne Clements"]),
    ("what is Cllr Kit Hesketh-Harvey responsible for", ["Kit Hesketh-Harvey"]),
    ("actions for Mr Smith", ["Smith"]),
    ("Dr. Jane O'Neil and Cllr Jim McNeill", ["Jane O'Neil", "Jim McNeill"]),
    ("What did the board decide", []),  # a question's first word is no name
    ("who is the treasurer of the Friends of the library", []),  # one capitalised word, no title
    ("What did Dan agree to do?", ["Dan"]),  # one word, in a question about tasks
    ("Ken action items", ["Ken"]),
    ("Katy strategic planning", []),  # one word, no word of tasks: as often a place or a project
])
def test_named_people(query, names):
    assert named_people(query) == names


def test_a_name_owning_more_than_the_bound_scores_nothing_more(indexes, monkeypatch):
    # A role owning most of a release's actions is no one person's tasks, and each passage would be
    # one more term of the query: past OWNED_MAX the name is words like any other.
    import index.search

    monkeypatch.setattr(index.search, "OWNED_MAX", 0)
    found = hits(indexes["whoosh"], "what has Cllr Jane Roe agreed to do")
    assert not found[0]["text"].endswith("Jane Roe to write to the highways team about the verges on Mill Lane.")
