"""index.engine.analysis gives exactly what Whoosh's analyzer chain gives.

Whoosh indexes the text field with its chain (index/engine/whoosh_analysis.py); queries,
highlighting, duplicate keys and word pairs use analysis.py's own steps. A difference would
make a query miss what was indexed, so every string here is analysed both ways and compared
token for token: indexed form, start and end offsets, and the unstemmed words of the spelling
field.
"""

from __future__ import annotations

import random
import subprocess
import sys

from conftest import ROOT, SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from index.engine import analysis
from index.engine.whoosh_analysis import text_analyzer

SAMPLES = [
    "", " ", "recommendation 7", "Recommendations 3 and 9", "recommendations 7,8 and 9", "rec7 R7 rec 7",
    "item 4.2 was discussed", "1,000 offenders; 12,345,678 and 1,23 and 1,0000", "v1.2.3 and 4.2.", "3.14159",
    "e-mail to fife.gov.uk", "don't won't it's O'Brien’s", "re-vetting co-operate well-being — – -",
    "Café RÉSUMÉ naïve façade Ærø Straße ﬁnance ＦＵＬＬ ｗｉｄｔｈ", "İstanbul ǅ ß ẞ ﬀ", "Ελληνικά русский 中文 日本語 ١٢٣",
    "vetting vetted vet VETTED", "organisation organization organisational generously",
    "██████████ █ ██ ██ ■■ ■ ▪", "[REDACTED] [Redacted] (redacted) <REDACTED> {redacted} [WITHHELD]",
    "[REDACTED - s.40(2)] [Redacted under section 38(1)(b)] [REDACTED: s.40] [name removed]",
    "xredactedx XREDACTEDX redacted REDACTED", "[ REDACTED ]x(redacted)y", "a_b c a b_c __init__",
    "tab\tseparated\nnew line\r\nwindows", "x²³ ½ № ™ ℃ Ⅻ", "emoji 😀 and 👍🏽 signs", "\u200bzero\u200bwidth",
    "combining e\u0301 and a\u0308", "ǈ ǋ ǲ", "KELVIN \u212a and \u0130", "ﬃ ﬄ", "9am 10:30 2017-05-04 04/05/2017",
]


def _whoosh(text: str) -> tuple[list[tuple[str, int, int]], list[str], list[str]]:
    """(indexed tokens with offsets, query-mode terms, sorted distinct unstemmed words) by Whoosh."""
    chain = text_analyzer()
    toks = [(t.text, t.startchar, t.endchar) for t in chain(text, chars=True, mode="index")]
    query = [t.text for t in chain(text, mode="query")]
    words = sorted({t.text for t in chain(text, mode="index", no_morph=True)})
    return toks, query, words


def _ours(text: str) -> tuple[list[tuple[str, int, int]], list[str], list[str]]:
    toks = [(t.text, t.start, t.end) for t in analysis.tokens(text)]
    terms, words = analysis.terms_and_words(text)
    assert terms == analysis.terms(text)
    return toks, analysis.terms(text), words


def _same(text: str) -> None:
    assert _ours(text) == _whoosh(text), text


def test_hand_picked_strings() -> None:
    for text in SAMPLES:
        _same(text)
        _same(text.upper())
        _same(text.title())


def test_the_seed_release_line_by_line_and_whole() -> None:
    release = SEED.read_text(encoding="utf-8")
    lines = release.splitlines()
    assert len(lines) > 500
    for line in lines:
        _same(line)
    _same(release)


def test_every_corpus_text_and_mail() -> None:
    texts = [p for p in (ROOT / "corpus").rglob("*") if p.suffix in (".txt", ".eml")]
    for path in texts:
        _same(path.read_text(encoding="utf-8", errors="replace"))


def test_random_words_from_many_scripts() -> None:
    rng = random.Random(20)
    # ASCII, Latin-1 and Latin Extended, Greek, Cyrillic, punctuation, digits of other scripts,
    # presentation forms and full-width letters, the block and marker characters
    alphabet = ([chr(c) for c in range(32, 127)] + [chr(c) for c in range(0xA0, 0x250)]
                + [chr(c) for c in range(0x370, 0x530)] + [chr(c) for c in range(0x660, 0x66A)]
                + [chr(c) for c in range(0x2000, 0x2070)] + [chr(c) for c in range(0xFB00, 0xFB07)]
                + [chr(c) for c in range(0xFF01, 0xFF5F)] + ["█", "■", "[", "]", "(", ")", "'", "’", "-"] * 20)
    for _ in range(3000):
        _same("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))))


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_any_text(text: str) -> None:
    _same(text)


def test_the_accent_map_changes_no_lower_case_ascii() -> None:
    # analysis._analysed skips the accent map for ASCII words on this ground
    from whoosh.support.charset import accent_map

    assert all(chr(c).lower().translate(accent_map) == chr(c).lower() for c in range(128))


def test_pickled_schemas_still_find_the_marker_filter() -> None:
    import pickle

    from index.engine.whoosh_analysis import MarkerFilter

    assert analysis.MarkerFilter is MarkerFilter
    assert pickle.loads(pickle.dumps(text_analyzer())) == text_analyzer()
    assert b"index.engine.analysis" in pickle.dumps(MarkerFilter())


def test_a_search_imports_no_whoosh_analysis_and_one_stemmer() -> None:
    # In a fresh process: the English stemmer comes alone (index/engine/whoosh_imports.py), stems
    # as the whole package's does, and the package still imports whole afterwards.
    script = ("import sys\nfrom index.engine import analysis\n"
              "words = 'vetting generously organisations skies dying news cafés'\n"
              "ours = analysis.terms(words); analysis.tokens('Café [REDACTED] 4.2')\n"
              "print(sorted(m for m in sys.modules if m.startswith(('whoosh.analysis', 'whoosh.lang.snowball'))))\n"
              "from index.engine.whoosh_analysis import text_analyzer\n"
              "import whoosh.lang.snowball\n"
              "print(len(whoosh.lang.snowball.classes), ours == [t.text for t in text_analyzer()(words)])\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "14 True"], out.stdout + out.stderr


def test_the_bounded_table_starts_again_and_answers_alike(monkeypatch) -> None:
    text = "vetting recommendation café [REDACTED] 4.2 organisations vetted Vetting"
    expected = [t.text for t in text_analyzer()(text)]
    monkeypatch.setattr(analysis, "_SEEN", {})
    monkeypatch.setattr(analysis, "_SEEN_BOUND", 3)
    assert analysis.terms(text) == expected
    assert len(analysis._SEEN) <= 3
