"""Property-based tests: parsers never raise, and their outputs keep their invariants."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.markers import find_text_markers, is_marker
from ingest.segment import build_passages, segment_documents

# Text made of the characters releases are made of, markers and brackets over-represented.
release_text = st.lists(
    st.sampled_from(list("abcAB 12.-–\n\t[]()@█:") + ["[REDACTED]", "[Redacted]", " s.38(1)(b)", "ACTION ", "From: x\nSent: 1 May 2017\n"]),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400) | release_text)
def test_markers_lie_inside_their_text(text):
    spans = find_text_markers(text)
    previous_end = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.marker
        assert span.start >= previous_end  # no overlaps
        previous_end = span.end
        assert is_marker(span.marker) or span.style == "email_local_part" or span.style == "bracket_exemption"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600) | release_text)
def test_segmentation_never_raises_and_passages_lie_inside_documents(text):
    docs = segment_documents(text, "x.txt", [], find_text_markers(text), [], [])
    for doc in docs:
        build_passages(doc)
        for passage in doc.passages:
            assert 0 <= passage.start <= passage.end <= len(doc.text)
            assert doc.text[passage.start : passage.end] == passage.text
        for span in doc.redaction_spans:
            assert doc.text[span.start : span.end] == span.marker
