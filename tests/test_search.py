"""`index.search` on documents the tests build: ranking, every filter, years, duplicates, snippets."""

from __future__ import annotations

import pytest

from index import open_index
from index.build import write_documents
from index.search import SearchOptions, resolve_groups, search, snippet
from ingest.markers import find_text_markers
from ingest.models import Document, Passage

NSG = "MAPPA National Strategic Group"
MDG = "MAPPA Development Group"


def make_doc(doc_id: str, date: str | None, paragraphs: list[tuple[str, list[int]]], doc_type: str = "minutes",
             group: str | None = NSG, source: str | None = None) -> Document:
    """A document whose passages are the given paragraphs (text, recommendation numbers)."""
    text = "\n\n".join(p for p, _ in paragraphs)
    doc = Document(doc_id=doc_id, source=source or f"{doc_id}.txt", title=f"Title of {doc_id}", doc_type=doc_type,
                   group=group, date=date, text=text)
    pos = 0
    for i, (para, recs) in enumerate(paragraphs, 1):
        doc.passages.append(Passage(f"{doc_id}-p{i:03d}", doc_id, None, f"para {i}", para, pos, pos + len(para),
                                    recommendations=list(recs)))
        pos += len(para) + 2
    doc.redaction_spans = find_text_markers(text)
    return doc


@pytest.fixture(scope="module")
def index_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("idx") / ".foi")
    docs = {
        "nsg-2016.txt": [make_doc("nsg-2016", "2016-02-18", [
            ("On recommendation 7 members discussed vetting and the ViSOR leaflet.", [7]),
            ("[REDACTED] asked what the SOLACE position was on ViSOR relative to vetting.", [7]),
            ("Recommendation 8 vetting vetting vetting vetting vetting vetting.", [8]),
            ("Recommendation 9: governance workshop to be arranged by the secretariat.", [9]),
        ])],
        "actions-2016.txt": [make_doc("actions-2016", "2016-02-18", [
            ("Circulate ViSOR users leaflet relative to recommendation 7.", [7]),
        ], doc_type="action_list")],
        "mdg-2017.txt": [make_doc("mdg-2017", "2017-05-04", [
            ("Item 3 ViSOR: all staff using ViSOR will be subject of vetting.", []),
            ("██████ advised that staff cannot access ViSOR training as they are not vetted.", []),
        ], group=MDG)],
        "mdg-2017-03.txt": [make_doc("mdg-2017-03", "2017-03-09", [
            ("The National ViSOR vetting plan has been updated.", []),
        ], group=MDG)],
        # The same e-mail twice: a bundle copy and the separate file.
        "email-a.eml": [make_doc("email-a", "2016-02-24", [
            ("Please find attached the ViSOR vetting leaflet and the housing material.", []),
        ], doc_type="email")],
        "bundle.pdf": [make_doc("bundle-02", "2016-02-24", [
            ("Please find attached the  ViSOR vetting leaflet and the housing material", []),
        ], doc_type="email", source="bundle.pdf")],
        "leaflet.docx": [make_doc("leaflet", None, [
            ("In order to access ViSOR all staff must be vetted to NPPV level 2.", []),
        ], doc_type="guidance", group=None)],
    }
    for path_name, documents in docs.items():
        write_documents(path, path_name, documents)
    return path


def run(index_path, query, **kw):
    with open_index(index_path) as index:
        return search(index, SearchOptions(query=query, **kw))


def ids(result):
    return [h.passage.passage_id for h in result.hits]


def test_recommendation_query_ranks_the_asked_number_first(index_path):
    result = run(index_path, "recommendation 7 vetting")
    top = ids(result)
    assert set(top[:2]) == {"nsg-2016-p001", "nsg-2016-p002"}  # rec 7 and vetting
    assert "actions-2016-p001" in top  # rec 7, no vetting: still found
    assert top.index("actions-2016-p001") == 2
    # The rec 8 passage repeats "vetting" but never outranks a recommendation 7 passage.
    assert "nsg-2016-p003" not in top or top.index("nsg-2016-p003") > top.index("actions-2016-p001")
    assert "nsg-2016-p004" not in top


@pytest.mark.parametrize("spelling", ["rec 7 vetting", "Rec. 7 vetting", "rec7 vetting", "recommendations 7 vetting",
                                      "R7 vetting"])
def test_recommendation_spellings_give_the_same_set(index_path, spelling):
    assert ids(run(index_path, spelling)) == ids(run(index_path, "recommendation 7 vetting"))


def test_recs_field_matches_inherited_number_without_the_words(index_path):
    # nsg-2016-p002 says nothing about "recommendation 7": it matches through its recs field.
    assert "nsg-2016-p002" in ids(run(index_path, "rec 7"))
    assert "nsg-2016-p002" in ids(run(index_path, "rec:7"))


def test_seven_does_not_match_eight(index_path):
    assert all(7 in h.passage.recommendations for h in run(index_path, "recommendation 7").hits)
    assert ids(run(index_path, "recommendation 8")) == ["nsg-2016-p003"]


def test_words_are_ranked_and_stemmed(index_path):
    # Words are optional (issue 15): a passage with both words, stemmed, ranks above any with one.
    result = run(index_path, "visor vetted", limit=50)
    assert result.total == len(result.hits) > 0
    both = [("visor" in h.passage.text.lower() and "vet" in h.passage.text.lower()) for h in result.hits]
    assert any(both) and both == sorted(both, reverse=True)


def test_phrase_or_and_exclusion(index_path):
    assert ids(run(index_path, '"SOLACE position"')) == ["nsg-2016-p002"]
    assert ids(run(index_path, '"position SOLACE"')) == []
    assert set(ids(run(index_path, "solace OR governance"))) == {"nsg-2016-p002", "nsg-2016-p004"}
    excluded = ids(run(index_path, "vetting -visor", limit=50))
    assert "nsg-2016-p003" in excluded and "nsg-2016-p001" not in excluded


def test_year_filters(index_path):
    only_2017 = run(index_path, "visor vetting", years=[2017], limit=50)
    assert only_2017.total == 3 and {h.doc.date[:4] for h in only_2017.hits} == {"2017"}
    both = run(index_path, "visor vetting", years=[2016, 2017], limit=50)
    assert {h.doc.date[:4] for h in both.hits} == {"2016", "2017"}
    assert run(index_path, "visor year:2017", limit=50).total == only_2017.total


def test_since_until(index_path):
    since = run(index_path, "visor", since="2017-04", limit=50)
    assert since.hits and all(h.doc.date >= "2017-04" for h in since.hits)
    until = run(index_path, "visor", until="2016-02", limit=50)  # a month covers all its days
    assert until.hits and all(h.doc.date.startswith("2016-02") for h in until.hits)
    assert not any(h.doc.date is None for h in since.hits + until.hits)


def test_type_group_and_redaction_filters(index_path):
    assert {h.doc.doc_type for h in run(index_path, "visor", doc_types=["action_list"]).hits} == {"action_list"}
    assert {h.doc.group for h in run(index_path, "visor", groups=["MDG"], limit=50).hits} == {MDG}
    assert {h.doc.group for h in run(index_path, "visor", groups=["development"], limit=50).hits} == {MDG}
    assert {h.doc.group for h in run(index_path, "visor group:NSG", limit=50).hits} == {NSG}
    redacted = run(index_path, "visor", has_redaction=True, limit=50)
    assert ids(redacted) and set(ids(redacted)) == {"nsg-2016-p002", "mdg-2017-p002"}


def test_limit(index_path):
    result = run(index_path, "visor", limit=2)
    assert len(result.hits) == 2 and result.total > 2


def test_by_year_groups_newest_first_with_counts(index_path):
    result = run(index_path, "visor vetting", by_year=True, limit=1)
    years = [g.year for g in result.years]
    assert years == [2017, 2016, None]
    for group in result.years:
        assert len(group.hits) == 1
        assert all(h.year == group.year for h in group.hits)
    assert sum(g.total for g in result.years) == result.total
    full = run(index_path, "visor vetting", limit=50)
    assert {g.year: g.total for g in result.years}[2017] == sum(1 for h in full.hits if h.year == 2017)


def test_duplicates_collapse_into_also_in(index_path):
    result = run(index_path, "housing material", limit=50)
    assert len(result.hits) == 1 and result.total == 1
    hit = result.hits[0]
    assert len(hit.also_in) == 1
    other = hit.also_in[0]
    assert {hit.doc.doc_id, other.doc_id} == {"email-a", "bundle-02"}
    # Filtering the other copy away still names it in also_in.
    only_bundle = run(index_path, "housing material", doc_types=["email"])
    assert only_bundle.hits[0].also_in


def test_ties_break_by_newest_date(index_path):
    result = run(index_path, "visor vetting", limit=50)
    scores = [(round(h.score, 4), h.doc.date or "") for h in result.hits]
    for (s1, d1), (s2, d2) in zip(scores, scores[1:], strict=False):
        if s1 == s2:
            assert d1 >= d2


def test_no_hits_offers_a_spelling(index_path):
    result = run(index_path, "vettting visr")
    assert result.total == 0 and result.hits == []
    assert result.suggestion == "vetting visor"
    assert run(index_path, "zzzzqqq").suggestion is None


def test_snippet_marks_matches_and_cuts_long_text():
    text = "Lorem ipsum " * 40 + "members discussed vetting at length " + "dolor sit " * 40
    out = snippet(text, frozenset({"vet"}))
    assert "«vetting»" in out and out.startswith("…") and out.endswith("…")
    assert len(out) < 300
    assert snippet("Short vetted text.", frozenset({"vet"})) == "Short «vetted» text."


def test_group_resolution():
    known = [NSG, MDG, "MAPPA Coordinators Group"]
    assert resolve_groups("nsg", known) == [NSG]
    assert resolve_groups("MDG", known) == [MDG]
    assert resolve_groups("mappa development group", known) == [MDG]
    assert resolve_groups("Nowhere", known) == ["Nowhere"]


def test_unparseable_queries_do_not_raise(index_path):
    for q in ['"', "-", "((", "OR", "year:", "type:nonsense", "█", "rec", ":::"]:
        run(index_path, q)
