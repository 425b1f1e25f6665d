"""pdfminer's content-stream interpreter with a faster tokenizer and operator dispatch: the
same objects from the same streams, the same operators called with the same operands.

`LeanContentParser` is pdfminer's `PDFContentParser` with `pdf_tokens.FastTokens` and its
`nextobject` without a debug log call per token; `LeanInterpreter` reads with it and remembers
each operator's method (pdfminer builds the method's name and looks it up at every operator).
tests/test_pdf_content.py and scripts/pdf_content_check.py hold the objects equal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pdfminer import settings
from pdfminer.pdfinterp import PDFContentParser, PDFInterpreterError, PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, stream_value
from pdfminer.psparser import (
    KEYWORD_ARRAY_BEGIN,
    KEYWORD_ARRAY_END,
    KEYWORD_DICT_BEGIN,
    KEYWORD_DICT_END,
    KEYWORD_PROC_BEGIN,
    KEYWORD_PROC_END,
    PSEOF,
    PSKeyword,
    PSLiteral,
    PSSyntaxError,
    PSTypeError,
    keyword_name,
    literal_name,
)
from pdfminer.utils import choplist

from ingest.pdf_tokens import FastTokens

# Tokens pdfminer's `nextobject` pushes as operands as they are.
_OPERANDS = frozenset({int, float, bool, str, bytes, PSLiteral})
# The keywords `PDFContentParser.do_keyword` does not push as they are (an inline image's).
_INLINE_BEGIN, _INLINE_DATA = PDFContentParser.KEYWORD_BI, PDFContentParser.KEYWORD_ID


class LeanContentParser(FastTokens, PDFContentParser):
    """pdfminer's `PDFContentParser` with `FastTokens`."""

    def nextobject(self) -> Any:
        """pdfminer's `PSStackParser.nextobject` (arrays, dictionaries and procedures built
        alike, keywords passed to `do_keyword`) without its debug logging per token."""
        while not self.results:
            pos, token = self.nexttoken()
            if type(token) in _OPERANDS:
                if not self.context:
                    # (outside arrays, dictionaries and procedures, pushed and flushed at once:
                    # the stack is empty here, so the token is the one result)
                    return pos, token
                self.curstack.append((pos, token))
            elif token is KEYWORD_ARRAY_BEGIN:
                self.start_type(pos, "a")
            elif token is KEYWORD_ARRAY_END:
                self._end(lambda: self.push(self.end_type("a")))
            elif token is KEYWORD_DICT_BEGIN:
                self.start_type(pos, "d")
            elif token is KEYWORD_DICT_END:
                self._end(self._end_dict)
            elif token is KEYWORD_PROC_BEGIN:
                self.start_type(pos, "p")
            elif token is KEYWORD_PROC_END:
                self._end(lambda: self.push(self.end_type("p")))
            elif not self.context and token is not _INLINE_BEGIN and token is not _INLINE_DATA:
                return pos, token  # (a keyword `do_keyword` pushes, flushed at once: as above)
            else:
                self.do_keyword(pos, token)  # (every other token is a keyword)
            if not self.context:
                self.results.extend(self.curstack)
                self.curstack = []
        return self.results.pop(0)

    @staticmethod
    def _end(close: Callable[[], None]) -> None:
        try:
            close()
        except PSTypeError:
            if settings.STRICT:
                raise

    def _end_dict(self) -> None:
        pos, objs = self.end_type("d")
        if len(objs) % 2 != 0:
            raise PSSyntaxError(f"Invalid dictionary construct: {objs!r}")
        self.push((pos, {literal_name(k): v for k, v in choplist(2, objs) if v is not None}))

class LeanInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter reading with `LeanContentParser`, each operator's method (and
    its operand count) looked up once per interpreter."""

    def execute(self, streams: Any) -> None:
        valid = self._valid_streams(streams)
        try:
            parser = LeanContentParser(valid)
        except PSEOF:
            return  # empty page
        methods: dict[PSKeyword, tuple[Callable[..., None], int] | None] = {}
        push, pop = self.push, self.pop
        while True:
            try:
                _, obj = parser.nextobject()
            except PSEOF:
                break
            if type(obj) is not PSKeyword:
                push(obj)
                continue
            if obj in methods:
                known = methods[obj]
            else:
                known = methods[obj] = self._method(obj)
            if known is None:
                if settings.STRICT:
                    raise PDFInterpreterError(f"Unknown operator: {keyword_name(obj)!r}")
                continue
            func, nargs = known
            if nargs:
                args = pop(nargs)
                if len(args) == nargs:
                    func(*args)
            else:
                func()

    def _method(self, keyword: PSKeyword) -> tuple[Callable[..., None], int] | None:
        """pdfminer's lookup of an operator's method, as `execute` makes it."""
        name = keyword_name(keyword)
        method = "do_{}".format(name.replace("*", "_a").replace('"', "_w").replace("'", "_q"))
        if not hasattr(self, method):
            return None
        func = getattr(self, method)
        return func, func.__code__.co_argcount - 1

    def _valid_streams(self, streams: Any) -> list[PDFStream]:
        """pdfminer's guard against circular references, as its `execute` has it."""
        valid: list[PDFStream] = []
        self.stream_ids.clear()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                continue  # (an inline stream, or one already being drawn: pdfminer skips both)
            valid.append(stream)
            self.stream_ids.add(stream.objid)
        return valid
