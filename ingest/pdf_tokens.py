"""pdfminer's tokenizer reading whole tokens by regex: the same tokens at the same positions.

pdfminer tokenizes PDF syntax (content streams, the file's objects, CMaps) one state-machine
step per token: a method call, a regex search and a bytes concatenation or two each, most of
pdfminer's time on the pages pdfplumber reads and in the font dictionaries read for the fast
path. `FastTokens` reads a whole token with one regex match wherever the token and the byte
that ends it lie in the buffer already (numbers, operators and keywords, names without ``#``
escapes, strings without escapes or nested parentheses, hex strings, the brackets), and hands
everything else (comments, a token across a buffer's or a stream's end, escapes) to pdfminer's
own state machine, in the state it would be in. The parsers below are pdfminer's with it.
tests/test_pdf_content.py and scripts/pdf_content_check.py hold the tokens equal.
"""

from __future__ import annotations

import re
from typing import Any

from pdfminer import settings
from pdfminer.cmapdb import CMapParser
from pdfminer.pdfdocument import LITERAL_OBJSTM, PDFDocument, PDFSyntaxError
from pdfminer.pdfparser import PDFParser, PDFStreamParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import (
    HEX_PAIR,
    KEYWORD_ARRAY_BEGIN,
    KEYWORD_ARRAY_END,
    KEYWORD_DICT_BEGIN,
    KEYWORD_DICT_END,
    KEYWORD_PROC_BEGIN,
    KEYWORD_PROC_END,
    KWD,
    LIT,
    PSEOF,
    SPC,
    PSBaseParser,
    PSException,
    PSKeyword,
    PSLiteral,
    PSSyntaxError,
    PSTypeError,
    literal_name,
)
from pdfminer.psparser import log as _pdfminer_log
from pdfminer.utils import choplist

# What pdfminer's tokenizer skips between tokens: whitespace (bytes ``\s``) and NUL.
_SKIP = re.compile(rb"[ \t\n\r\f\v\x00]*")
# pdfminer's token ends (END_NUMBER, END_KEYWORD, END_LITERAL, END_HEX_STRING, END_STRING),
# each token matched whole: a match must end before the buffer does, so that the byte that
# ends the token is known to be there.
_NUMBER = re.compile(rb"[-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*")
_KEYWORD = re.compile(rb"[A-Za-z][^#/%\[\]()<>{}\s]*")
_LITERAL = re.compile(rb"/([^#/%\[\]()<>{}\s]*)")
_STRING = re.compile(rb"\(([^()\\]*)\)")
_HEX = re.compile(rb"<([0-9a-fA-F\s]*)")
_DIGITS = frozenset(b"+-0123456789")
_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_TRUE, _FALSE = b"true", b"false"
_COMMENT = 0x25  # "%": pdfminer's state machine reads a comment
_SINGLE = {c: KWD(bytes((c,))) for c in range(256)}


def _hex_bytes(m: re.Match[bytes]) -> bytes:
    return bytes((int(m.group(0), 16),))


class FastTokens(PSBaseParser):
    """pdfminer's `PSBaseParser.nexttoken`, whole tokens read by regex where they lie in the
    buffer (mixed in ahead of a pdfminer parser class)."""

    def nexttoken(self) -> tuple[int, Any]:
        if self._tokens or self.eof or self._parse1 != self._parse_main:
            return super().nexttoken()
        buf, i = self.buf, self.charpos
        end = len(buf)
        while True:
            i = _SKIP.match(buf, i).end()
            if i >= end:
                self.charpos = i
                return super().nexttoken()  # (the next buffer, or the next stream)
            c = buf[i]
            if c == _COMMENT:
                break
            pos = self.bufpos + i
            if c in _DIGITS or c == 0x2E:  # a number ("." opens one too)
                m = _NUMBER.match(buf, i)
                j = m.end()
                if j >= end:
                    break
                text = m.group()
                self.charpos = j
                try:
                    return pos, (float(text) if b"." in text else int(text))
                except ValueError:
                    i = j  # pdfminer drops a number it cannot read ("-", "."), and reads on
                    continue
            if c in _LETTERS:
                m = _KEYWORD.match(buf, i)
                j = m.end()
                if j >= end:
                    break
                text = m.group()
                self.charpos = j
                return pos, (True if text == _TRUE else False if text == _FALSE else KWD(text))
            if c == 0x2F:  # "/"
                m = _LITERAL.match(buf, i)
                j = m.end()
                if j >= end or buf[j] == 0x23:  # ("#": an escape)
                    break
                self.charpos = j
                raw = m.group(1)
                try:
                    return pos, LIT(str(raw, "utf-8"))
                except UnicodeDecodeError:
                    return pos, LIT(raw)
            if c == 0x28:  # "("
                m = _STRING.match(buf, i)
                if m is None:
                    break  # escapes, nested parentheses or the buffer's end
                self.charpos = m.end()
                return pos, m.group(1)
            if c == 0x3C:  # "<"
                if i + 1 >= end:
                    break
                if buf[i + 1] == 0x3C:
                    self.charpos = i + 2
                    return pos, KEYWORD_DICT_BEGIN
                m = _HEX.match(buf, i)
                j = m.end()
                if j >= end:
                    break
                # (the byte that ends it, ">" or not, is read next as pdfminer reads it)
                self.charpos = j
                return pos, HEX_PAIR.sub(_hex_bytes, SPC.sub(b"", m.group(1)))
            if c == 0x3E:  # ">": ">>" ends a dictionary, a lone one (a hex string's end) is skipped
                if i + 1 >= end:
                    break
                if buf[i + 1] == 0x3E:
                    self.charpos = i + 2
                    return pos, KEYWORD_DICT_END
                i += 1
                continue
            self.charpos = i + 1
            return pos, _SINGLE[c]
        self.charpos = i
        return super().nexttoken()


_OPERAND_TYPES = (int, float, bool, str, bytes, PSLiteral)  # (pdfminer's `nextobject` pushes these as they are)
# The keywords that open and close an array, a dictionary and a procedure, and the kind each is.
_OPENS = {KEYWORD_ARRAY_BEGIN: "a", KEYWORD_DICT_BEGIN: "d", KEYWORD_PROC_BEGIN: "p"}
_CLOSES = {KEYWORD_ARRAY_END: "a", KEYWORD_DICT_END: "d", KEYWORD_PROC_END: "p"}


class LeanObjects(PSBaseParser):
    """pdfminer's `PSStackParser.nextobject` without its debug log calls per keyword and per
    object (mixed in ahead of a pdfminer parser class): the same branches in the same order,
    each parser's own `push`, `flush` and `do_keyword`."""

    def nextobject(self) -> Any:
        while not self.results:
            (pos, token) = self.nexttoken()
            if isinstance(token, _OPERAND_TYPES):
                self.push((pos, token))
            elif (kind := _OPENS.get(token)) is not None:
                self.start_type(pos, kind)
            elif (kind := _CLOSES.get(token)) is not None:
                try:
                    if kind != "d":
                        self.push(self.end_type(kind))
                    else:
                        (pos, objs) = self.end_type("d")
                        if len(objs) % 2 != 0:
                            raise PSSyntaxError(f"Invalid dictionary construct: {objs!r}")
                        self.push((pos, {literal_name(k): v for (k, v) in choplist(2, objs) if v is not None}))
                except PSTypeError:
                    if settings.STRICT:
                        raise
            elif isinstance(token, PSKeyword):
                self.do_keyword(pos, token)
            else:
                _pdfminer_log.error("unknown token: pos=%r, token=%r, stack=%r", pos, token, self.curstack)
                self.do_keyword(pos, token)
                raise PSException
            if self.context:
                continue
            self.flush()
        return self.results.pop(0)


class LeanPDFParser(FastTokens, LeanObjects, PDFParser):
    """pdfminer's parser of a file's objects, with `FastTokens` and `LeanObjects`."""


class LeanStreamParser(FastTokens, LeanObjects, PDFStreamParser):
    """pdfminer's parser of an object stream's objects, with `FastTokens` and `LeanObjects`."""


class LeanCMapParser(FastTokens, LeanObjects, CMapParser):
    """pdfminer's CMap parser (a font's ToUnicode map), with `FastTokens` and `LeanObjects`."""


class LeanDocument(PDFDocument):
    """pdfminer's document, the objects of its object streams read with `LeanStreamParser`
    (`lean_document` makes an open document one)."""

    def _get_objects(self, stream: PDFStream) -> tuple[list[object], int]:
        """pdfminer's `PDFDocument._get_objects`, its parser `LeanStreamParser`."""
        if stream.get("Type") is not LITERAL_OBJSTM and settings.STRICT:
            raise PDFSyntaxError(f"Not a stream object: {stream!r}")
        try:
            n = stream["N"]  # (as pdfminer takes it: unchecked)
        except KeyError:
            if settings.STRICT:
                raise PDFSyntaxError(f"N is not defined: {stream!r}") from None
            n = 0
        parser = LeanStreamParser(stream.get_data())
        parser.set_document(self)
        objs: list[object] = []
        try:
            while True:
                objs.append(parser.nextobject()[1])
        except PSEOF:
            pass
        return objs, n


def lean_document(doc: PDFDocument) -> PDFDocument:
    """``doc`` (opened, its cross-reference tables read) reading its objects with `FastTokens`."""
    if type(doc) is PDFDocument:
        doc.__class__ = LeanDocument
    parser = getattr(doc, "_parser", None)
    if type(parser) is PDFParser:
        parser.__class__ = LeanPDFParser
    return doc
