"""Both search engines (`foi ingest --engine whoosh|fts5`) answer alike: the same hits with the
same scores for the judged queries and every query form, the same filters, the same totals at
every --limit, the same group counts and suggestions, and the same writing semantics (commit
all or nothing, cancel, delete, a reader's snapshot). Each engine's results are also checked on
their own (must-have passages found, filters obeyed), so two engines failing alike still fail.

The bundled corpus is ingested once per engine through the CLI; small files written here go
through `foi ingest --engine fts5` and `foi search --json` as a script runs them. Scores are
compared where no passage was ever replaced: Whoosh keeps a replaced passage in its BM25
statistics (document count, document frequencies) until its segments merge, FTS5 does not.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HAVE_TESSERACT, ROOT, tesseract_required
from rapidfuzz import fuzz

from index import open_index
from index.engine import ENGINE_FILE, FTS5_FILE, WHOOSH_DIR, open_backend
from index.engine.backend import FieldIs, Filters, MatchAll, PassageRecord, Phrase, RecRef, Term
from index.engine.query import parse
from index.search import SearchOptions, search
from search_cli.main import cli

ENGINES = ("whoosh", "fts5")
CORPUS = ROOT / "corpus"
JUDGED = json.loads((ROOT / "scripts" / "gold" / "queries_seed.json").read_text(encoding="utf-8"))["queries"]


def foi(index: str | Path, *args: str):
    return CliRunner().invoke(cli, ["--index", str(index), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory) -> dict[str, str]:
    """The bundled corpus ingested once per engine, through `foi ingest --engine`."""
    base = tmp_path_factory.mktemp("conformance")
    allowed = {0} if HAVE_TESSERACT or tesseract_required() else {0, 1}  # the scans need Tesseract
    out = {}
    for engine in ENGINES:
        index = str(base / engine)
        result = foi(index, "ingest", "--engine", engine, str(CORPUS), "--json")
        assert result.exit_code in allowed, result.output
        assert json.loads(result.stdout)["passages"] > 500
        out[engine] = index
    return out


def answer(index: str, query: str, **options) -> dict:
    """What a search returns, as comparable values (scores to 6 places)."""
    with open_index(index) as ix:
        result = search(ix, SearchOptions(query=query, **options))
    return {
        "total": result.total,
        "hits": [(h.passage.passage_id, round(h.score, 6)) for h in result.hits],
        "texts": [h.passage.text for h in result.hits],
        "docs": [(h.doc.doc_type, h.doc.date, h.doc.group, h.doc.title) for h in result.hits],
        "recs": [set(h.passage.recommendations) for h in result.hits],
        "snippets": [h.snippet for h in result.hits],
        "suggestion": result.suggestion,
        "years": [(g.year, g.total, [h.passage.passage_id for h in g.hits]) for g in result.years or []],
    }


def both(indexes: dict[str, str], query: str, **options) -> dict:
    """The answer of each engine; fails unless they are the same."""
    answers = {engine: answer(indexes[engine], query, **options) for engine in ENGINES}
    assert answers["fts5"] == answers["whoosh"], (query, options)
    return answers["whoosh"]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip().lower()


def holds(texts: list[str], quote: str) -> bool:
    q = norm(quote)
    return any(q in norm(t) or fuzz.partial_ratio(q, norm(t)) >= 90 for t in texts)


# ---- how each index was made -----------------------------------------------------------------------


def test_each_index_records_its_engine_and_holds_only_its_files(indexes):
    held = {}
    for engine, index in indexes.items():
        assert json.loads(Path(index, ENGINE_FILE).read_text())["engine"] == engine
        assert Path(index, WHOOSH_DIR).is_dir() == (engine == "whoosh")
        assert Path(index, FTS5_FILE).is_file() == (engine == "fts5")
        with open_index(index) as ix:
            assert type(ix.backend).__name__ == {"whoosh": "WhooshBackend", "fts5": "Fts5Backend"}[engine]
            held[engine] = ix.backend.passages()
    assert held["fts5"] == held["whoosh"] and len(held["whoosh"]) > 500


# ---- the judged queries: same hits, same must-haves found ---------------------------------------


@pytest.mark.parametrize("judged", JUDGED, ids=[q["q"][:40] for q in JUDGED])
def test_judged_query_same_hits_and_must_haves(indexes, judged):
    got = both(indexes, judged["q"])
    assert got["total"] > 0 and len(got["hits"]) == min(10, got["total"])
    # The judged passages each engine finds in its top 10 (the same, since the hits are).
    found = [r["quote"] for r in judged["relevant"] if holds(got["texts"], r["quote"])]
    assert found, f"no judged passage in the top 10 of {judged['q']!r}"


# ---- every form a query takes ----------------------------------------------------------------------

# (query, a passage text that must be among the top 10, a check every hit must pass)
FORMS = [
    ("vetting", "all staff must be vetted", lambda text, doc, recs: "vett" in text.lower()),
    ("who is responsible for circulating the ViSOR leaflet", "SGCSU to circulate ViSOR users leaflet", None),
    ('"period of grace"', "period of grace", lambda text, doc, recs: "period of grace" in norm(text)),
    ('"ViSOR users leaflet"', "Circulate ViSOR users leaflet", lambda text, doc, recs: "visor users leaflet" in norm(text)),
    ("+leaflet ViSOR", "ViSOR users leaflet", lambda text, doc, recs: "leaflet" in text.lower()),
    ("ViSOR -vetting -vetted", None, lambda text, doc, recs: "vett" not in text.lower()),
    ("recommendation 7 vetting", "Circulate ViSOR users leaflet relative to recommendation 7", None),
    ("recommendation 7", "relative to recommendation 7", None),
    ("rec 7", "relative to recommendation 7", None),
    ("Rec. 7", "relative to recommendation 7", None),
    ("R7", "relative to recommendation 7", None),
    ("recommendations 7 and 9", "relative to recommendation 7", None),
    ("workshop on recommendation 9", None, None),
    ("ViSOR terminals relocation 2017", "Terminals to be relocated", None),
    ("May 2017 vetting", None, None),
    ("owner:SGCSU", "SGCSU", lambda text, doc, recs: "SGCSU" in text),
    ("status:open ViSOR", None, None),
    ("type:minutes vetting", None, lambda text, doc, recs: doc[0] == "minutes"),
    ("year:2017 ViSOR", None, lambda text, doc, recs: (doc[1] or "").startswith("2017")),
    ("rec:9", None, lambda text, doc, recs: 9 in recs),
    ("redacted", None, lambda text, doc, recs: bool(re.search(r"\[?redact|\u2588", text, re.I))),
    # a passage of a paper titled for a workshop is about it (build.py indexes the title with it)
    ("workshop OR conference", None, lambda text, doc, recs: re.search(r"workshop|conference", f"{text} {doc[3]}", re.I)),
    ("NPPV", "The requirements for NPPV 2 and NPPV 3 vetting", None),
    ("the", None, None),
]


@pytest.mark.parametrize("query, must, every", FORMS, ids=[f[0] for f in FORMS])
def test_query_form_same_hits(indexes, query, must, every):
    got = both(indexes, query, limit=10)
    assert got["total"] > 0, query
    if must:
        assert holds(got["texts"], must), (query, must)
    if every:
        for text, doc, recs in zip(got["texts"], got["docs"], got["recs"], strict=True):
            assert every(text, doc, recs), (query, text[:120])


def test_recommendation_spellings_are_one_query(indexes):
    spelled = [both(indexes, q)["hits"] for q in ("recommendation 7", "rec 7", "Rec. 7", "R7", "recommendation no. 7")]
    assert all(s == spelled[0] for s in spelled)


def test_no_hits_and_suggestion_alike(indexes):
    got = both(indexes, "vetinng standarsd")
    assert got["total"] == 0 and got["suggestion"] == "vetting standard"
    nothing = both(indexes, "zzqxj")
    assert nothing["total"] == 0 and nothing["hits"] == []


# ---- filters ---------------------------------------------------------------------------------------------

FILTERS = [
    ({"years": [2017]}, lambda doc: (doc[1] or "")[:4] == "2017"),
    ({"years": [2016, 2017]}, lambda doc: (doc[1] or "")[:4] in ("2016", "2017")),
    ({"since": "2016-03"}, lambda doc: (doc[1] or "") >= "2016-03"),
    ({"until": "2016-02"}, lambda doc: doc[1] is not None and doc[1] < "2016-03"),  # the month form: all February
    ({"since": "2016-02-19", "until": "2017-03-09"}, lambda doc: "2016-02-19" <= (doc[1] or "") <= "2017-03-09"),
    ({"doc_types": ["minutes"]}, lambda doc: doc[0] == "minutes"),
    ({"doc_types": ["action list", "email"]}, lambda doc: doc[0] in ("action_list", "email")),
    ({"groups": ["MDG"]}, lambda doc: "Development" in (doc[2] or "")),
    ({"has_redaction": True}, None),
    ({"years": [2016], "doc_types": ["minutes"], "has_redaction": True}, lambda doc: doc[0] == "minutes"),
    ({"years": [1999]}, None),
]


@pytest.mark.parametrize("options, every", FILTERS, ids=[json.dumps(f[0]) for f in FILTERS])
@pytest.mark.parametrize("query", ["ViSOR vetting", "recommendation 7", "MatchAll"])
def test_filters_alike(indexes, query, options, every):
    got = both(indexes, "" if query == "MatchAll" else query, limit=1000, **options)
    if options == {"years": [1999]}:
        assert got["total"] == 0
        return
    if query == "MatchAll":
        assert got["total"] == len(got["hits"]) > 0
    for doc in got["docs"]:
        assert every is None or every(doc), (options, doc)


def test_has_redaction_keeps_only_redacted_passages(indexes):
    got = both(indexes, "", has_redaction=True, limit=1000)
    everything = both(indexes, "", limit=1000)
    assert 0 < got["total"] < everything["total"]


# ---- totals and --limit --------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["ViSOR", "vetting", "recommendation 7", "the meeting", '"action"', ""])
def test_total_is_the_same_at_every_limit(indexes, query):
    totals = set()
    longest = both(indexes, query, limit=1000)
    for limit in (1, 2, 5, 10, 25, 200):
        got = both(indexes, query, limit=limit)
        totals.add(got["total"])
        assert len(got["hits"]) == min(limit, got["total"])
    assert totals == {longest["total"]}


def test_by_year_alike(indexes):
    got = both(indexes, "ViSOR vetting", by_year=True, limit=5)
    assert {y for y, _, _ in got["years"]} >= {2016, 2017}


# ---- the engine interface itself, on the corpus ------------------------------------------------------


def engine_both(indexes, call):
    out = {}
    for engine in ENGINES:
        backend = open_backend(indexes[engine])
        try:
            out[engine] = call(backend)
        finally:
            backend.close()
    assert out["fts5"] == out["whoosh"]
    return out["whoosh"]


def hits_of(result):
    return result.total, [(h.passage_id, h.doc_id, h.dup_key, h.date, round(h.score, 6), h.matched) for h in result.hits]


@pytest.mark.parametrize("field", ["year", "group", "doc_type", "recs", "date", "has_redaction", "doc_id"])
@pytest.mark.parametrize("query", ["vetting", "recommendation 9 workshop", "MatchAll"])
def test_group_counts_alike(indexes, field, query):
    q = MatchAll() if query == "MatchAll" else parse(query).query
    counts = engine_both(indexes, lambda b: b.group_counts(q, Filters(), field))
    assert counts and sum(counts.values()) > 0
    filtered = engine_both(indexes, lambda b: b.group_counts(q, Filters(years=[2016]), field))
    assert sum(filtered.values()) <= sum(counts.values())


def test_engine_filters_on_ids_alike(indexes):
    query = parse("ViSOR vetting").query
    total, hits = engine_both(indexes, lambda b: hits_of(b.search(query, Filters(), None)))
    some = [h[0] for h in hits[:3]]
    doc = hits[0][1]
    assert engine_both(indexes, lambda b: hits_of(b.search(query, Filters(passage_ids=None), None)))[0] == total
    assert engine_both(indexes, lambda b: hits_of(b.search(query, Filters(passage_ids=[]), None))) == (0, [])
    only = engine_both(indexes, lambda b: hits_of(b.search(query, Filters(passage_ids=some), None)))
    assert sorted(h[0] for h in only[1]) == sorted(some)
    in_doc = engine_both(indexes, lambda b: hits_of(b.search(query, Filters(doc_ids=[doc]), None)))
    assert in_doc[0] > 0 and {h[1] for h in in_doc[1]} == {doc}


def test_engine_query_nodes_alike(indexes):
    nodes = [Term("ViSOR"), Phrase("users leaflet"), RecRef(9), FieldIs("year", "2017"), FieldIs("date", "2016-02"),
             FieldIs("group", "mappa development group"), FieldIs("has_redaction", "true"), MatchAll(),
             parse("ViSOR -vetting").query, parse("+ViSOR vetting 2017").query, parse("leaflet OR workshop").query]
    for node in nodes:
        for limit in (None, 3):
            total, hits = engine_both(indexes, lambda b, node=node, limit=limit: hits_of(b.search(node, Filters(), limit)))
            assert total > 0, node
    matched = engine_both(indexes, lambda b: hits_of(b.search(parse("recommendation 7 vetting").query, Filters(), 5)))
    assert all(h[5] for h in matched[1])  # the indexed words each hit matched, for highlighting


def test_suggest_alike(indexes):
    assert engine_both(indexes, lambda b: b.suggest(["vetinng", "ViSOR"])) == "vetting ViSOR"
    assert engine_both(indexes, lambda b: b.suggest(["ViSOR", "leaflet"])) is None


# ---- writing: commit all or nothing, cancel, delete, snapshots (records made here) --------------------


def record(i: int, text: str, doc: str = "d1", recs=(), year: int | None = 2016, group: str | None = "NSG") -> PassageRecord:
    return PassageRecord(passage_id=f"{doc}-p{i}", doc_id=doc, text=text, recs=list(recs), year=year,
                         date=f"{year}-0{1 + i % 9}-1{i % 10}" if year else None, doc_type="minutes",
                         group=group, has_redaction="[REDACTED]" in text, dup_key=f"k{i}")


RECORDS = [
    record(1, "Recommendation 7: vetting of ViSOR users to NPPV level 2.", recs=[7]),
    record(2, "[REDACTED] to circulate the ViSOR users leaflet, rec 7.", recs=[7]),
    record(3, "Vetting vetting vetting, and more vetting for the 4.2 item.", doc="d2", year=2017, group="MDG"),
    record(4, "The café budget was 1,000 pounds; R9 was noted.", doc="d2", recs=[9], year=2017, group="MDG"),
    record(5, "Nothing about the subject at all.", doc="d3", year=None, group=None),
]


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    return request.param


def written(tmp_path: Path, engine: str) -> str:
    index = str(tmp_path / engine)
    backend = open_backend(index, "write", engine)
    assert backend.created
    backend.add_passages(RECORDS)
    backend.commit()
    backend.close()
    return index


def ids(backend, query: str = "", filters: Filters | None = None) -> list[str]:
    q = parse(query).query if query else MatchAll()
    return sorted(h.passage_id for h in backend.search(q, filters or Filters(), None).hits)


def test_commit_is_all_or_nothing_and_cancel_drops(tmp_path, engine):
    index = written(tmp_path, engine)
    writer = open_backend(index, "write")
    assert not writer.created  # the same engine, reopened: nothing to replay
    writer.delete_documents(["d2"])
    writer.add_passages([record(6, "A new passage about vetting.", doc="d4")])
    before = open_backend(index)
    assert len(ids(before)) == 5  # nothing is visible before the commit
    writer.cancel()
    writer.add_passages([record(7, "Another about vetting.", doc="d5")])
    writer.commit()
    writer.close()
    assert len(ids(before)) == 5 and ids(before, "another") == []  # a reader keeps the state it opened on
    before.close()
    after = open_backend(index)
    assert ids(after, "vetting") == ["d1-p1", "d2-p3", "d5-p7"]  # the cancelled delete and add never happened
    after.close()


def test_delete_documents_removes_every_passage_of_them(tmp_path, engine):
    index = written(tmp_path, engine)
    writer = open_backend(index, "write")
    writer.delete_documents(["d2", "d3", "no-such-doc"])
    writer.commit()
    assert writer.passages() == {"d1-p1": "d1", "d1-p2": "d1"}
    assert ids(writer, "vetting") == ["d1-p1"] and ids(writer, "café") == []
    writer.close()


def test_written_records_answer_alike(tmp_path):
    backends = {e: open_backend(written(tmp_path, e)) for e in ENGINES}
    try:
        queries = ["vetting", "rec 7", "R9", "cafe", "1,000", "4.2", '"users leaflet"', "redacted", "subject -vetting",
                   "+vetting ViSOR", "NPPV 2017", "year:2017", "group:mdg vetting"]
        for q in queries:
            for filters in (Filters(), Filters(years=[2017]), Filters(groups=["NSG"]), Filters(has_redaction=True),
                            Filters(since="2016-03", until="2017-05")):
                found = {e: hits_of(b.search(parse(q).query, filters, None)) for e, b in backends.items()}
                assert found["fts5"] == found["whoosh"], (q, filters)
        assert backends["fts5"].group_counts(MatchAll(), Filters(), "year") == {"2016": 2, "2017": 2, "": 1}
        assert backends["whoosh"].group_counts(MatchAll(), Filters(), "year") == {"2016": 2, "2017": 2, "": 1}
    finally:
        for b in backends.values():
            b.close()


def test_fts5_lengths_are_rounded_as_whoosh_stores_them():
    from whoosh.util.numeric import byte_to_length, length_to_byte

    from index.engine.fts5_backend import quantised_length

    for n in [*range(0, 300), 1000, 4111, 4112, 50_000, 106_374, 200_000]:
        assert quantised_length(n) == byte_to_length(length_to_byte(n)), n


# ---- through the CLI, as a script runs it ---------------------------------------------------------------

PAPERS = {
    "minutes 2016-02-18.txt": "MAPPA National Strategic Group\nMinutes, 18 February 2016\n\n"
                              "Recommendation 7 was discussed: vetting of ViSOR users.\n\n"
                              "ACTION: SGCSU to circulate the ViSOR users leaflet.\n",
    "minutes 2017-03-09.txt": "MAPPA Development Group\nMinutes, 9 March 2017\n\n"
                              "[REDACTED] advised that staff cannot access ViSOR training as they are not vetted.\n\n"
                              "The National ViSOR vetting plan has been updated.\n",
    "guidance.md": "# Vetting guidance\n\nAll staff using ViSOR must be vetted to NPPV level 2 (see R7).\n",
}


def write_papers(folder: Path, **changed: str) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in {**PAPERS, **changed}.items():
        (folder / name).write_text(text, encoding="utf-8")


def search_json(index: Path, *args: str) -> dict:
    result = foi(index, "search", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cli_ingest_engine_and_search_json_alike(tmp_path):
    papers = tmp_path / "papers"
    write_papers(papers)
    for engine in ENGINES:
        result = foi(tmp_path / engine, "ingest", "--engine", engine, str(papers), "--json")
        assert result.exit_code == 0, result.output
    queries = [["vetting"], ["recommendation 7"], ["R7"], ['"users leaflet"'], ["+vetted ViSOR"], ["ViSOR -vetting"],
               ["owner:SGCSU"], ["vetting 2017"], ["vetting", "--year", "2016"], ["vetting", "--since", "2017-03"],
               ["vetting", "--has-redaction"], ["vetting", "--by-year"], ["vetting", "--limit", "1"], ["vetinng"]]
    for args in queries:
        assert search_json(tmp_path / "fts5", *args) == search_json(tmp_path / "whoosh", *args), args
    assert search_json(tmp_path / "fts5", "vetting", "--limit", "1")["total"] == search_json(
        tmp_path / "fts5", "vetting")["total"] >= 3

    # A changed file replaces its passages in both engines alike; no --engine keeps the recorded one.
    # Scores may now differ: Whoosh counts a replaced passage in its BM25 statistics until its
    # segments merge. The matches and totals may not.
    write_papers(papers, **{"guidance.md": "# Guidance\n\nStaff must hold a licence for the terminals.\n"})
    for engine in ENGINES:
        assert foi(tmp_path / engine, "ingest", str(papers)).exit_code == 0
    for args in (["licence"], ["NPPV"], ["vetting"], ["ViSOR"], ["R7"]):
        found = [search_json(tmp_path / e, *args, "--limit", "100") for e in ENGINES]
        assert [(d["total"], sorted(h["passage_id"] for h in d["hits"])) for d in found] == [
            (found[0]["total"], sorted(h["passage_id"] for h in found[0]["hits"]))] * 2, args
    assert search_json(tmp_path / "fts5", "NPPV")["total"] == 0
    assert search_json(tmp_path / "fts5", "licence")["total"] == 1


def test_cli_refuses_another_engine_on_an_existing_index(tmp_path):
    papers = tmp_path / "papers"
    write_papers(papers)
    assert foi(tmp_path / "ix", "ingest", "--engine", "fts5", str(papers)).exit_code == 0
    for other in ("whoosh",):
        result = foi(tmp_path / "ix", "ingest", "--engine", other, str(papers))
        assert result.exit_code == 2
        lines = [line for line in result.stderr.splitlines() if line.startswith("foi:")]
        assert len(lines) == 1 and "uses the fts5 engine, not whoosh" in lines[0]
    assert foi(tmp_path / "ix", "ingest", "--engine", "fts5", str(papers)).exit_code == 0  # the same engine: fine
    assert not (tmp_path / "ix" / WHOOSH_DIR).exists()
    # A legacy index (no engine.json, a whoosh/ folder) is a Whoosh index.
    assert foi(tmp_path / "old", "ingest", str(papers)).exit_code == 0
    (tmp_path / "old" / ENGINE_FILE).unlink()
    result = foi(tmp_path / "old", "ingest", "--engine", "fts5", str(papers))
    assert result.exit_code == 2 and "uses the whoosh engine" in result.stderr
    assert search_json(tmp_path / "old", "vetting")["total"] > 0


def test_a_fresh_foi_process_opens_the_recorded_engine(tmp_path):
    papers = tmp_path / "papers"
    write_papers(papers)
    index = tmp_path / "ix"
    assert foi(index, "ingest", "--engine", "fts5", str(papers)).exit_code == 0
    proc = subprocess.run([sys.executable, "-m", "search_cli", "--index", str(index), "search", "ViSOR vetting", "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] >= 3
    assert (index / FTS5_FILE).is_file() and not (index / WHOOSH_DIR).exists()


def test_a_broken_fts5_engine_is_an_unusable_index_exit_2(tmp_path):
    papers = tmp_path / "papers"
    write_papers(papers)
    index = tmp_path / "ix"
    assert foi(index, "ingest", "--engine", "fts5", str(papers)).exit_code == 0
    (index / FTS5_FILE).write_bytes(b"not a database at all" * 100)
    result = foi(index, "search", "vetting")
    assert result.exit_code == 2 and "cannot be read" in result.stderr and "Traceback" not in result.output
    # The next ingest rebuilds the engine from the store.
    assert foi(index, "ingest", str(papers)).exit_code == 0
    assert search_json(index, "vetting")["total"] >= 3
