"""`LeanContentParser` reads a content stream into the same objects as pdfminer's
`PDFContentParser` (position, type, value), whatever its buffer boundaries cut: numbers of
every form pdfminer accepts or drops, operators, names with and without escapes, strings with
escapes and nested parentheses, hex strings, dictionaries, arrays, comments, NULs, inline
images, several streams. The buffer is shrunk to a few bytes so that every token is cut
somewhere; `LeanInterpreter` is held to pdfminer's interpreter through pdfplumber's chars, a
`lean_document` to a plain one object for object, `LeanCMapParser` to pdfminer's CMap parser."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pdf_fixtures import new_canvas
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import PSEOF, PSKeyword, PSLiteral

from ingest.pdf_content import LeanContentParser
from ingest.pdf_plumber_page import lean_pages

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from pdf_content_check import objects  # noqa: E402  (scripts/ is not a package)

TRICKY = (
    b"BT /F1 12 Tf 1 0 0 1 72.5 700 Tm (Hello, world) Tj [(A) -120.5 (B\\)c) 3 (\\101\\n(n)) ] TJ ET\n"
    b"q .5 -.25 +3 -0 1. -. . 1.2.3 --4 +-5 12e3 0.000001 cm Q % a comment ( not a string\r\n"
    b"<414243> Tj <4 1 4> Tj <> Tj <41>> <<>> << /Type /XObject /S#20p 1 /N [1 2] >> BDC EMC\n"
    b"/Name#41x /\xc3\xa9t\xc3\xa9 /\xff\xfe true false null T* ' \" d0 d1 \x00 ) } { ]\n"
    b"BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\x01\x02\x03 EI Q\n"
    b"BI /W 1 /H 1 /F /AHx ID 00> ~> EI\n"
    b"(unbalanced ( and \\\r\n line) Tj /a/b/c[/d]<</e 1>>(x)(y)<61><62>"
)


def _stream(data: bytes, objid: int = 1) -> PDFStream:
    stream = PDFStream({"Length": len(data)}, data)
    stream.objid = objid
    return stream


def _objects(parser_class: type, streams: list[PDFStream], bufsiz: int) -> list[tuple]:
    return objects(parser_class, streams, bufsiz, messages=False)


@pytest.mark.parametrize("bufsiz", [1, 2, 3, 5, 7, 11, 16, 64, 4096])
def test_tricky_stream_reads_alike_at_any_buffer_size(bufsiz: int) -> None:
    streams = [_stream(TRICKY)]
    expected = _objects(PDFContentParser, streams, bufsiz)
    assert _objects(LeanContentParser, streams, bufsiz) == expected
    kinds = {kind for _, kind, _ in expected}
    assert {"int", "float", "bool", "bytes", "PSLiteral", "PSKeyword", "list", "dict", "PDFStream"} <= kinds


@pytest.mark.parametrize("bufsiz", [3, 8, 4096])
def test_streams_split_mid_token_read_alike(bufsiz: int) -> None:
    # a page's content in several streams, cut inside a number, an operator, a string and a name
    parts = [b"BT /F1 1", b"2 Tf 72 70", b"0 Td (Hel", b"lo) T", b"j /Na", b"me ET <4", b"1> <", b"<>>"]
    streams = [_stream(p, k + 1) for k, p in enumerate(parts)]
    assert _objects(LeanContentParser, streams, bufsiz) == _objects(PDFContentParser, streams, bufsiz)


_PIECES = [b"1", b"-2", b"+3", b".5", b"-.", b".", b"4.", b"7.25", b"Tj", b"T*", b"'", b'"', b"true", b"false",
           b"/F1", b"/A#42", b"/", b"(s)", b"(a(b)c)", b"(e\\)s)", b"(\\053)", b"<4142>", b"<4 1>", b"<>",
           b"<<", b">>", b"[", b"]", b"{", b"}", b"%c\n", b"\x00", b")", b">", b"<", b"\xe9", b"e5"]


@pytest.mark.parametrize("seed", range(40))
def test_random_token_soup_reads_alike(seed: int) -> None:
    rng = random.Random(seed)
    data = b"".join(rng.choice(_PIECES) + rng.choice([b" ", b"", b"\n", b"\r\n", b"\t"]) for _ in range(300))
    streams = [_stream(data[:150], 1), _stream(data[150:], 2)]
    for bufsiz in (1, 4, 9, 4096):
        assert _objects(LeanContentParser, streams, bufsiz) == _objects(PDFContentParser, streams, bufsiz)


def _chars(page: Any) -> list[dict[str, Any]]:
    return [{k: v for k, v in c.items() if k != "stream"} for c in page.chars]


def test_lean_interpreter_draws_the_same_chars(tmp_path: Path) -> None:
    path = tmp_path / "text.pdf"
    c = new_canvas(path)
    c.setFont("Helvetica", 11)
    for k in range(40):
        c.drawString(72, 760 - 16 * k, f"Line {k}: (parenthesised) text, 1.5 / 3 -2")
    c.beginForm("f")  # a form XObject: drawn by a nested interpreter
    c.drawString(10, 10, "inside a form")
    c.endForm()
    c.doForm("f")
    c.showPage()
    c.save()
    with pdfplumber.open(str(path)) as plain, pdfplumber.open(str(path)) as lean:
        a, b = plain.pages[0], lean_pages(lean)[0]
        assert len(a.chars) > 1000
        assert _chars(a) == _chars(b)
        assert "".join(ch["text"] for ch in b.chars).endswith("inside a form")


def test_keywords_and_literals_are_pdfminers_interned_objects() -> None:
    out = []
    parser = LeanContentParser([_stream(b"/F1 12 Tf ")])
    while True:
        try:
            out.append(parser.nextobject()[1])
        except PSEOF:
            break
    plain = PDFContentParser([_stream(b"/F1 12 Tf ")])
    first = plain.nextobject()[1]
    assert isinstance(out[0], PSLiteral) and out[0] is first
    assert isinstance(out[2], PSKeyword) and out[2].name == b"Tf"


CMAP = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe)"
        b" /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"3 beginbfchar <0003> <0020> <0011> <002D> <00AD> <00AD> endbfchar\n"
        b"2 beginbfrange <0024> <003D> <0041> <0044> <0046> [<0061> <0062> <FB01>] endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n")


@pytest.mark.parametrize("bufsiz", [1, 5, 13, 4096])
def test_cmap_parser_reads_the_same_map(bufsiz: int) -> None:
    from pdfminer.cmapdb import CMapParser, FileUnicodeMap

    from ingest.pdf_tokens import LeanCMapParser

    maps = []
    for parser in (CMapParser, LeanCMapParser):
        cmap = FileUnicodeMap()
        type("Sized", (parser,), {"BUFSIZ": bufsiz})(cmap, io.BytesIO(CMAP)).run()
        maps.append(cmap.cid2unichr)
    assert maps[0] == maps[1]
    assert maps[1][0x11] == "-" and maps[1][0x46] == "\ufb01" and len(maps[1]) == 32


def _canonical(obj: Any) -> Any:
    from pdfminer.pdftypes import PDFObjRef

    if isinstance(obj, dict):
        return sorted((k, _canonical(v)) for k, v in obj.items())
    if isinstance(obj, list):
        return [_canonical(v) for v in obj]
    if isinstance(obj, PDFObjRef):
        return ("ref", obj.objid)
    if isinstance(obj, PDFStream):
        return ("stream", _canonical(obj.attrs), obj.rawdata)
    return repr(obj)


def test_lean_document_reads_every_object_alike(tmp_path: Path) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    from ingest.pdf_tokens import LeanDocument, LeanPDFParser, lean_document

    path = tmp_path / "doc.pdf"
    c = new_canvas(path)
    for k in range(3):
        c.setFont("Helvetica", 11)
        c.drawString(72, 700, f"Page {k + 1} (of three) <text>")
        c.rect(72, 600, 100, 20, fill=1)
        c.showPage()
    c.save()
    read = []
    for lean in (False, True):
        with open(path, "rb") as fh:
            doc = PDFDocument(PDFParser(fh))
            if lean:
                lean_document(doc)
                assert type(doc) is LeanDocument and type(doc._parser) is LeanPDFParser
            ids = sorted({i for xref in doc.xrefs for i in xref.get_objids()})
            read.append({i: _canonical(doc.getobj(i)) for i in ids})
    assert read[0] == read[1] and len(read[0]) >= 10
