"""Ranked matching (issue 15) on documents the tests build: optional words with coordination,
question words ignored, a year in the query boosting that year's documents, abbreviations the
papers define, the +/-/phrase operators, owner:/status: fields, match offsets, never empty."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from index import open_index
from index.build import write_documents
from index.engine.backend import Or, Ranked, Term
from index.engine.query import MINUTE_WORDS, parse
from index.search import SearchOptions, search
from index.vocabulary import definitions
from ingest.models import Action, Document, Passage
from search_cli.main import cli

GROUP = "Library Board"


def make_doc(doc_id: str, date: str | None, paragraphs: list[str], actions: list[Action] | None = None) -> Document:
    text = "\n\n".join(paragraphs)
    doc = Document(doc_id=doc_id, source=f"{doc_id}.txt", title=f"Minutes {doc_id}", doc_type="minutes",
                   group=GROUP, date=date, text=text)
    pos = 0
    for i, para in enumerate(paragraphs, 1):
        doc.passages.append(Passage(f"{doc_id}-p{i}", doc_id, None, f"item {i}", para, pos, pos + len(para)))
        pos += len(para) + 2
    doc.actions = actions or []
    return doc


@pytest.fixture(scope="module")
def index_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("rank") / ".foi")
    docs = {
        "b2013.txt": [make_doc("b2013", "2013-11-28", [
            "The pay and reward scheme for staff was approved by the board.",          # p1: pay reward scheme staff
            "The reward for volunteers was a certificate.",                              # p2: reward
            "Opening hours at Bungay were extended on Saturdays.",                       # p3
            "A Memorandum of Understanding (MoU) was signed with the county council.",  # p4: defines MoU
        ])],
        "b2014.txt": [make_doc("b2014", "2014-03-20", [
            "Opening hours at Bungay stay as they are.",                                 # p1
            "The MoU is to be reviewed next year.",                                      # p2: short form only
            "Payment of the invoice was agreed.",                                        # p3
        ], actions=[Action("a1", "b2014", "b2014.txt", GROUP, "2014-03-20", None, "item 3", 1,
                           "SGCSU to pay the invoice", owners=["SGCSU"], status="open", passage_id="b2014-p3")])],
        "b2015.txt": [make_doc("b2015", "2015-05-14", [
            "The memorandum of understanding was renewed for three years.",             # p1: long form only
            "Opening hours at Bungay were cut on Sundays.",                              # p2
            "The item on staff pay was [REDACTED] before publication.",                  # p3
            "An understanding with the parish council on parking was reached.",         # p4: a word of the long form
        ])],
    }
    for name, documents in docs.items():
        write_documents(path, name, documents)
    return path


def run(index_path, query, **kw):
    with open_index(index_path) as index:
        return search(index, SearchOptions(query=query, **kw))


def ids(result):
    return [h.passage.passage_id for h in result.hits]


def test_or_query_ranks_the_passage_with_more_query_words_first(index_path):
    top = ids(run(index_path, "staff pay reward scheme"))
    assert top[0] == "b2013-p1"  # all four words
    assert "b2013-p2" in top  # only "reward": still found, lower
    assert top.index("b2013-p1") < top.index("b2015-p3") < top.index("b2013-p2")  # two words before one


def test_question_words_are_ignored(index_path):
    asked = run(index_path, "who is responsible for the staff pay and reward scheme")
    assert ids(asked)[0] == "b2013-p1"
    # No passage is found for a question word alone when the query has content words.
    assert parse("who is the treasurer").query == Term("treasurer")
    # "vs" joins the two things compared; it is not one of them
    assert parse("Circle CI vs Travis").query == parse("Circle CI Travis").query
    # "decide" is asked; minutes record "agreed", "approved" …: one idea
    decide = parse("what did the board decide about it").query
    assert isinstance(decide, Ranked) and Term("board") in decide.items[0].items  # with "boarddecide"
    assert decide.items[1] == Or((Term("decide"), *(Term(w) for w in MINUTE_WORDS["decide"])))


def test_a_query_of_question_words_only_still_searches():
    assert parse("the").query == Term("the")


def test_a_year_boosts_that_years_documents_without_requiring_the_text(index_path):
    plain = ids(run(index_path, "opening hours Bungay"))
    assert len(plain) == 3  # no passage says a year
    for year, wanted in (("2013", "b2013-p3"), ("2014", "b2014-p1"), ("2015", "b2015-p2")):
        assert ids(run(index_path, f"opening hours Bungay {year}"))[0] == wanted
    assert ids(run(index_path, "Bungay opening hours in March 2014"))[0] == "b2014-p1"
    # --year filters; the year in the text of the query does not.
    assert set(ids(run(index_path, "opening hours Bungay", years=[2015]))) == {"b2015-p2"}


def test_abbreviations_defined_in_the_papers_expand_both_ways(index_path):
    by_short = set(ids(run(index_path, "MoU")))
    assert {"b2013-p4", "b2014-p2", "b2015-p1"} <= by_short  # the long form alone is found
    by_long = set(ids(run(index_path, "memorandum of understanding")))
    assert {"b2013-p4", "b2014-p2", "b2015-p1"} <= by_long  # the short form alone is found


def test_a_query_that_is_a_long_form_also_finds_its_words_lower(index_path):
    # "Smagorinsky viscosity (SMAG)" defined, "Run it with Smagorinsky" elsewhere: asked for the
    # long form and nothing else, a passage writing part of it still answers, below the rest
    found = ids(run(index_path, "what is the memorandum of understanding"))
    assert "b2015-p4" in found
    assert found.index("b2015-p4") > max(found.index(p) for p in ("b2013-p4", "b2014-p2", "b2015-p1"))
    # beside other words the long form stays one idea, whole
    assert "b2015-p4" not in ids(run(index_path, "memorandum of understanding renewal"))


def test_definitions_are_learnt_from_text():
    found = dict(definitions("A Memorandum of Understanding (MoU) and the Terms of Reference (ToR). "
                             "ERA (Environmental Risk Assessment). The Chair (Tony Brown) spoke."))
    assert found == {"MoU": "Memorandum of Understanding", "ToR": "Terms of Reference",
                     "ERA": "Environmental Risk Assessment"}


def test_an_acronym_the_paper_uses_beside_its_name_is_learnt_undefined():
    text = ("Travel Assistance Committee report is missing. TAC reports 26 applications, 15 funded.\n"
            "The Sexual Offences Prevention Orders were reviewed; the SOP was not.\n"
            "Weyford Borough Council and the Western Brass Club both wrote; WBC will reply.\n"
            "The Annual General Meeting is in May. Papers for the AGM follow.\n")
    found = dict(definitions(text))
    assert found["TAC"] == "Travel Assistance Committee" and found["AGM"] == "Annual General Meeting"
    assert "SOP" not in found  # a name's first words alone spell no acronym
    assert "WBC" not in found  # two names with its initials: which one is meant is unknown
    # a glossary's line defines its short form, before any name elsewhere that spells it
    listed = dict(definitions("ACS: Adult and Community Services Directorate\nNote: See the annex\n"
                              "45. Termination for Failure to Agree the Contract Sum. The ACS will pay."))
    assert listed == {"ACS": "Adult and Community Services"}


def test_a_roll_call_of_bodies_defines_no_abbreviation():
    # "(SCC)" after each name says whose officer they are; the names do not spell it out.
    roll_call = ("Attendees: Stephen Taylor (SCC), Richard Hunt (SCC), Cllr Beccy Hopfensperger (SCC), "
                 "Charlotte Clark. Suffolk County Council (SCC) agreed.")
    assert definitions(roll_call) == [("SCC", "Suffolk County Council")]


def test_plus_phrase_and_minus_operators(index_path):
    assert set(ids(run(index_path, "+Bungay hours Saturdays"))) == {"b2013-p3", "b2014-p1", "b2015-p2"}
    assert ids(run(index_path, "+Bungay hours Saturdays"))[0] == "b2013-p3"
    assert ids(run(index_path, '"opening hours" Sundays'))[0] == "b2015-p2"
    assert ids(run(index_path, '"hours opening"')) == []  # a phrase stays strict
    assert ids(run(index_path, "+zebra opening hours")) == []  # so does +word
    excluded = ids(run(index_path, "opening hours -Sundays"))
    assert "b2015-p2" not in excluded and "b2013-p3" in excluded


def test_redacted_in_the_query_finds_markers(index_path):
    assert ids(run(index_path, "redacted item"))[0] == "b2015-p3"


def test_owner_and_status_fields(index_path):
    assert ids(run(index_path, "owner:SGCSU")) == ["b2014-p3"]
    assert ids(run(index_path, "invoice owner:SGCSU status:open")) == ["b2014-p3"]
    assert ids(run(index_path, "invoice owner:nobody")) == []


def test_match_offsets_point_at_the_matched_words(index_path):
    hit = run(index_path, "staff pay reward scheme").hits[0]
    words = [hit.passage.text[a:b] for a, b in hit.matches]
    assert words == ["pay", "reward", "scheme", "staff"]
    assert hit.to_json()["matches"] == [list(m) for m in hit.matches]


@pytest.mark.parametrize("query", ["what about the zebra crossing and the invoice", "zzqq Bungay", "rec 9 invoice"])
def test_never_empty_when_a_word_matches(index_path, query):
    assert run(index_path, query).hits


def test_cli_highlight_plain_when_piped_and_under_no_color(index_path, monkeypatch):
    out = CliRunner().invoke(cli, ["--index", index_path, "search", "staff pay reward"]).stdout
    assert "«" not in out and "\x1b[" not in out and "The pay and reward scheme" in out
    monkeypatch.setenv("NO_COLOR", "1")
    out = CliRunner().invoke(cli, ["--index", index_path, "search", "staff pay reward"], color=True).stdout
    assert "\x1b[" not in out
    monkeypatch.delenv("NO_COLOR")
    out = CliRunner().invoke(cli, ["--index", index_path, "search", "staff pay reward"], color=True).stdout
    assert "\x1b[1mpay\x1b[0m" in out
    data = json.loads(CliRunner().invoke(cli, ["--index", index_path, "search", "MoU", "--json"]).stdout)
    assert all("matches" in h for h in data["hits"])


@pytest.mark.parametrize("roll_call, heading", [
    ("Attendees: Dana Holt (Chair), Kofi Tembo, Priya Ashworth", None),
    # minutes without item numbers join their header lines into one passage: the roll call is
    # on its second line
    ("Time: 12.00pm - 2.00pm\n\nAttendees: Dana Holt (Chair), Kofi Tembo, Priya Ashworth", None),
    # the list under a heading of its own ("## Present" / "* Dana Holt @dholt (Chair)")
    ("* Dana Holt @dholt (Chair)\n* Kofi Tembo @ktembo\n* Priya Ashworth @pash", "## Present"),
])
def test_a_roll_call_ranks_below_a_passage_that_says_as_much(tmp_path, roll_call, heading):
    # Both hold "Dana Holt" and "chair"; the roll call is shorter (BM25 favours it) but names
    # everyone at every meeting: the passage that says something of her comes first.
    path = str(tmp_path / ".foi")
    doc = make_doc("b2019", "2019-02-12", [
        roll_call,
        "The chair, Dana Holt, reported that the lease of the tool shed had been renewed for five years "
        "and that the trust would meet the cost of the new roof.",
    ])
    doc.passages[0].context = heading
    write_documents(path, "b2019.txt", [doc])
    assert ids(run(path, "Dana Holt chair"))[:2] == ["b2019-p2", "b2019-p1"]


def test_a_verb_and_its_particle_find_the_compound(tmp_path):
    path = str(tmp_path / ".foi")
    write_documents(path, "c.txt", [make_doc("c", "2014-01-10", [
        "Nightly backups of the mail servers were restored after the outage.",  # p1: the compound
        "The servers were moved to the new hall.",                              # p2: one word
        "We followed the plan for the hall.",                                   # p3
        "We followed the advice of the auditors.",                              # p4
        "We followed the old timetable again.",                                 # p5
        "The budget was agreed.",                                               # p6: a rarer word
    ])])
    assert ("backed", "backup") in parse("were the servers backed up").ideas
    assert all(len(idea) == 1 for idea in parse("the meeting in June").ideas)  # "in" joins nothing
    top = ids(run(path, "were the servers backed up"))
    assert top[0] == "c-p1"
    # "followup" is in no passage: the idea "followed up" weighs what "followed" weighs, so the
    # rarer "budget" still ranks first (an absent word's IDF, the largest of all, would win)
    assert ("followed", "followup") in parse("followed up budget").ideas
    assert ids(run(path, "followed up budget"))[0] == "c-p6"


def test_a_table_of_contents_ranks_below_the_clause_it_lists(tmp_path):
    path = str(tmp_path / ".foi")
    write_documents(path, "k.txt", [make_doc("k", "2012-09-01", [
        "45. Termination for the Society.....................48\n"
        "46. Termination for Failure to Agree the Contract Sum.....48\n"
        "47. Voluntary Termination on Notice.....................49",   # p1: contents
        "47.1 Either party may end this Agreement by giving not less than twelve months' written "
        "notice of voluntary termination to the other party.",          # p2: the clause
    ])])
    assert ids(run(path, "voluntary termination notice period"))[:2] == ["k-p2", "k-p1"]


def test_a_papers_title_finds_its_clauses_but_not_its_fragments(tmp_path):
    path = str(tmp_path / ".foi")
    clause = ("37.1 The Society shall maintain public liability insurance with a limit of indemnity of not less "
              "than five million pounds in relation to any one claim, and shall produce the policy on request.")
    contract = Document(doc_id="lsc", source="lsc.pdf", title="Library Services Contract", doc_type="other",
                        group="Weyford County Council", date="2012-07-18", text=f"{clause}\n\n• any children")
    contract.passages = [Passage("lsc-p1", "lsc", 37, "37.1", clause, 0, len(clause)),
                         Passage("lsc-p2", "lsc", 38, "para 2", "• any children", len(clause) + 2, len(clause) + 16)]
    write_documents(path, "lsc.pdf", [contract])
    write_documents(path, "b.txt", [make_doc("b", "2013-05-29", [
        "The insurance renewal for the mobile library was noted by the board.",       # b-p1
    ])])
    # the clause names neither the contract nor its services: its paper's title does
    assert ids(run(path, "library services contract insurance"))[0] == "lsc-p1"
    # a fragment is found by its own words, not by the title of the paper it sits in
    assert "lsc-p2" not in ids(run(path, "contract"))
    # a meeting's passages carry the group that met ("Library Board"); a contract's carry its title,
    # not the council that signed it (every clause would answer "county council")
    assert "b-p1" in ids(run(path, "board insurance"))
    assert "lsc-p1" not in ids(run(path, "county council"))


def test_two_words_typed_apart_find_the_word_written_as_one(tmp_path):
    # "Circle CI" is also written "CircleCI", "back pay" "backpay"; two names joined are no word
    path = str(tmp_path / ".foi")
    write_documents(path, "n.txt", [make_doc("n", "2019-03-07", [
        "We will switch the builds to CircleCI after the release.",
        "The circle of volunteers met on Thursday to plan the fair.",
        "Jo's backpay for January and February was approved.",
        "The pay review for staff starts in April and is due back in May.",
        "Attending: Dana Holt (@danaholt), Kofi Tembo (@kofitembo)",
        "Dana Holt chaired the meeting and Kofi Tembo took the notes.",
    ])])
    assert "n-p1" in ids(run(path, "Circle CI"))  # neither "circle" nor "ci" is a word of it
    assert "n-p3" in ids(run(path, "back pay"))
    # the roll of handles does not outrank the sentence that names them
    assert ids(run(path, "Dana Holt Kofi Tembo"))[0] == "n-p6"


def test_a_verb_finds_its_noun_the_stemmer_keeps_apart(tmp_path):
    """"decide" stems to "decid" and "decision" to "decis": asked either way, both are found."""
    path = str(tmp_path / ".foi")
    write_documents(path, "d.txt", [make_doc("d", "2017-05-04", [
        "The Chief Executive has made a decision that all staff using the register will be vetted.",  # p1
        "The group will decide on the vetting of contractors at its next meeting.",                  # p2
        "The vetting form was circulated with the papers.",                                          # p3
        "Tea and coffee will be served in the hall.",                                                # p4
    ])])
    assert {"d-p1", "d-p2"} <= set(ids(run(path, "what did the group decide about vetting"))[:2])
    assert {"d-p1", "d-p2"} <= set(ids(run(path, "decisions on vetting"))[:2])


def test_a_month_in_the_query_is_met_by_a_text_that_names_it_as_well_as_by_the_date(tmp_path):
    # "when is the October 2025 council meeting?": the September minutes say when; the October
    # minutes are of that meeting but do not answer (a month alone in the text, no year, does not)
    path = str(tmp_path / ".foi")
    write_documents(path, "m.txt", [
        make_doc("sep", "2025-09-16", [
            "The attorney confirmed the date of the next council meeting as Tuesday, October 14, 2025 at 6:30pm.",
            "The grass on the council verges will be cut in October.",
        ]),
        make_doc("oct", "2025-10-14", [
            "The council meeting opened with the pledge of allegiance.",
            "The council approved the consent calendar.",
        ]),
    ])
    top = ids(run(path, "when is the October 2025 council meeting?"))
    assert top[0] == "sep-p1"
    assert top.index("oct-p1") < top.index("sep-p2")  # "October" alone is no date
