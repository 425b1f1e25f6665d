"""HTML fragments read as text: table cells of exported plans, HTML e-mail bodies.

Releases exported from web systems carry cells such as ``<p>SG [REDACTED]</p> <p>...</p>`` or
``<ol style=...> 1. ... 2. ...`` (list items without ``<li>``, tags never closed). Readers want
the *content*: one line per paragraph or list item, numbered/bulleted the way it displays.
``html.parser`` is used because it tolerates unclosed and stray tags without raising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Tags whose presence makes a cell "HTML" rather than text that merely contains "<".
_KNOWN_TAG = re.compile(
    r"</?(?:p|u|b|i|s|em|strong|ol|ul|li|br|div|span|font|a|h[1-6]|sup|sub|strike|table|tr|td|th"
    r"|tbody|thead|blockquote|pre|hr|html|body|head|style|script|title)\b[^<>]*>",
    re.IGNORECASE,
)

_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "table",
    "tbody", "thead", "html", "body", "address", "section", "article", "header", "footer",
}
_SKIP_TAGS = {"script", "style", "head", "title"}
_BULLETS = "•◦▪‣"
_BULLET_SPLIT = re.compile(r"\s*[" + _BULLETS + r"]\s*")


def looks_like_html(text: str) -> bool:
    return bool(_KNOWN_TAG.search(text))


@dataclass
class _ListContext:
    ordered: bool
    counter: int = 0
    saw_li: bool = False


def _split_inline_numbers(text: str) -> list[tuple[int, str]] | None:
    """Split "1. a 2. b 3. c" into numbered items; None unless it starts with "1." and counts up.

    Only the next expected number counts as a new item, so "recommendation 7." or "(28/8/15)"
    inside an item never splits it.
    """
    m = re.match(r"\s*1[.)]\s+", text)
    if not m:
        return None
    items: list[tuple[int, str]] = []
    number, pos = 1, m.end()
    while True:
        nxt = re.compile(r"(?:(?<=\s)|^)" + str(number + 1) + r"[.)]\s+").search(text, pos)
        if not nxt:
            items.append((number, text[pos:].strip()))
            return items
        items.append((number, text[pos:nxt.start()].strip()))
        number, pos = number + 1, nxt.end()


class _TextBuilder(HTMLParser):
    def __init__(self, table_cell_sep: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.lists: list[_ListContext] = []
        self.skip_depth = 0
        self.cell_sep = table_cell_sep
        self.cells_in_row = 0

    # -- line handling -------------------------------------------------------------------
    def _break(self) -> None:
        line = re.sub(r"[ \u00a0]+", " ", "".join(self.current)).strip(" ")
        if line.strip():
            self.lines.append(line)
        self.current = []

    def _emit(self, text: str) -> None:
        self.current.append(text)

    # -- parser callbacks ----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
            return
        if tag in ("ol", "ul"):
            self._break()
            self.lists.append(_ListContext(ordered=tag == "ol"))
        elif tag == "li":
            self._break()
            if self.lists:
                ctx = self.lists[-1]
                ctx.saw_li = True
                ctx.counter += 1
                self._emit(f"{ctx.counter}. " if ctx.ordered else "• ")
            else:
                self._emit("• ")
        elif tag == "br":
            self._break()
        elif tag == "tr":
            self._break()
            self.cells_in_row = 0
        elif tag in ("td", "th"):
            if self.cells_in_row:
                self._emit(self.cell_sep)
            self.cells_in_row += 1
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "td", "th", "li"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag in ("ol", "ul"):
            self._break()
            if self.lists:
                self.lists.pop()
        elif tag in ("li", "tr") or tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        data = re.sub(r"\s+", " ", data)
        ctx = self.lists[-1] if self.lists else None
        if ctx is not None and not ctx.saw_li and data.strip():
            # A list written without <li>: items are separated by their markers in the text.
            if self._split_list_text(ctx, data):
                return
        self._emit(data)

    def _split_list_text(self, ctx: _ListContext, data: str) -> bool:
        if ctx.ordered or not any(b in data for b in _BULLETS):
            items = _split_inline_numbers(data) if not "".join(self.current).strip() else None
            if items is None:
                return False
            for number, item in items:
                self._break()
                self._emit(f"{number}. {item}")
            ctx.counter = items[-1][0]
            self._break()
            return True
        head, *items = _BULLET_SPLIT.split(data)
        self._emit(head)
        for item in items:
            self._break()
            self._emit(f"• {item}")
        self._break()
        return True

    def result(self) -> str:
        self.close()
        self._break()
        return "\n".join(self.lines)


def html_to_text(fragment: str, table_cell_sep: str = "\t") -> str:
    """Text of an HTML fragment: one line per block/list item, other tags dropped, entities unescaped.

    ``table_cell_sep`` joins the cells of an HTML table row (a tab for a whole e-mail body, a
    space inside a table cell, where a tab would split the outer row).
    """
    builder = _TextBuilder(table_cell_sep)
    builder.feed(fragment)
    return builder.result()


def cell_text(cell: str) -> str:
    """A table cell's content: HTML read as lines when the cell holds tags, else the cell stripped."""
    if looks_like_html(cell):
        return html_to_text(cell, table_cell_sep=" ")
    return cell.strip()
