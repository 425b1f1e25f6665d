"""The analyzer: numbers and single characters kept, English stemmed, markers one token."""

from __future__ import annotations

import pytest

from index.engine.analysis import REDACTION_TOKEN, has_marker, normalise_for_duplicates, terms, tokens


def test_numbers_and_single_characters_are_kept_and_distinct():
    assert terms("Recommendation 7") == ["recommend", "7"]
    assert terms("Recommendation 8") == ["recommend", "8"]
    assert terms("Item A and b") == ["item", "a", "and", "b"]


def test_item_numbers_stay_whole_but_lists_split():
    assert "4.2" in terms("item 4.2 was discussed")
    assert terms("recommendations 7,8 and 9") == ["recommend", "7", "8", "and", "9"]
    assert "1,000" in terms("over 1,000 offenders")
    assert terms("e-mail to fife.gov.uk") == ["e", "mail", "to", "fife", "gov", "uk"]


@pytest.mark.parametrize("word", ["vetting", "vetted", "vet", "Vetting", "VETTED"])
def test_english_stemming_folds_word_forms(word):
    assert terms(word) == ["vet"]


def test_case_and_accents_fold():
    assert terms("Café RÉSUMÉ naïve") == terms("cafe resume naive")


@pytest.mark.parametrize("marker", [
    "██████████", "█", "██ ██", "[REDACTED]", "[Redacted]", "(redacted)", "<REDACTED>",
    "[REDACTED - s.40(2)]", "[Redacted under section 38(1)(b)]", "[WITHHELD]",
])
def test_each_marker_is_one_token(marker):
    assert terms(f"chair {marker} reported") == ["chair", REDACTION_TOKEN, "report"]
    assert has_marker(f"x {marker} y")


def test_marker_word_is_never_content():
    indexed = terms("[REDACTED] spoke; [Redacted - s.40(2)] agreed; ██ left")
    assert "redact" not in indexed and "redacted" not in indexed
    assert "40" not in indexed and "s" not in indexed  # the exemption inside a marker is not content
    # The word in running prose is content.
    assert "redact" in terms("the names were redacted before release")
    assert not has_marker("the names were redacted before release")


def test_email_local_part_marker():
    assert terms("[Redacted]@fife.gov.uk")[:1] == [REDACTION_TOKEN]


def test_token_offsets_point_into_the_text():
    text = "On Recommendation 7, [REDACTED] vetted staff."
    for tok in tokens(text):
        assert 0 <= tok.start < tok.end <= len(text)
    spans = {text[t.start:t.end] for t in tokens(text)}
    assert {"Recommendation", "7", "[REDACTED]", "vetted"} <= spans


def test_duplicate_normalisation_ignores_spacing_case_and_marker_spelling():
    a = normalise_for_duplicates("ACTION: [REDACTED] to circulate the\n  ViSOR leaflet.")
    b = normalise_for_duplicates("Action - ██████ to circulate the ViSOR leaflet")
    assert a == b
    assert a != normalise_for_duplicates("Action - ██████ to circulate the ViSOR flowchart")
