"""Every limit on what one file or one query may cost, in one place.

A release is made by people outside the team; a file may be built to exhaust memory or time.
Each limit below is far above what a real release meets (the note says what real papers
reach) and each is reported, when hit, by one line naming the file (or the query) and the
limit; the run goes on. `FOI_LIMITS` raises or lowers them for one run, e.g.

    FOI_LIMITS="text_chars=20000000,ocr_pixels=80000000" foi ingest big-release/

`foi --help` lists them (`describe()`); `search_cli/settings.py` checks the variable before any
command runs, so a bad value is one line and exit 2, never a silent default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV = "FOI_LIMITS"


@dataclass(frozen=True)
class Limit:
    """A bound on what one file or query may cost, raised or lowered by FOI_LIMITS."""

    name: str
    default: int
    what: str  # what is counted, and what happens at the limit


LIMITS: tuple[Limit, ...] = (
    Limit("text_chars", 5_000_000,
          "characters of text read from one file; the rest is not indexed (a 300-page report is ~1M)"),
    Limit("text_lines", 100_000,
          "lines of text read from one file; the rest is not indexed (a 600-page minute book is ~30,000)"),
    Limit("nesting", 4, "attachments inside attachments (a ZIP in a ZIP in an e-mail) read; deeper are listed"),
    Limit("page_text_objects", 20_000,
          "text objects on one PDF page; a denser page's text is not read, said (a dense real page: ~5,000)"),
    Limit("ocr_pixels", 40_000_000, "pixels of one scanned page rendered for OCR; larger pages are scaled down"),
    Limit("sheet_rows", 100_000, "rows read from one spreadsheet sheet"),
    Limit("sheet_cols", 1_000, "columns read from one spreadsheet sheet or CSV (action logs: under 30)"),
    Limit("zip_members", 10_000, "members of one ZIP-based file (ZIP, DOCX, XLSX)"),
    Limit("zip_member_bytes", 512 * 1024 * 1024, "uncompressed bytes of one member, from the central directory"),
    Limit("zip_total_bytes", 2 * 1024 * 1024 * 1024, "uncompressed bytes of all members of one file"),
    Limit("zip_ratio", 200, "uncompressed / compressed size of one member (real documents: 2-20)"),
    Limit("msg_depth", 4, "Outlook messages inside messages read"),
    Limit("passage_chars", 4_000, "characters of one passage; a longer block is cut into several"),
    Limit("query_chars", 1_000, "characters of one query; the rest is cut and a notice says so"),
    Limit("query_words", 64, "words of one query; the rest are cut and a notice says so"),
)
_BY_NAME = {limit.name: limit for limit in LIMITS}


class LimitSettingError(ValueError):
    """FOI_LIMITS holds something that is not ``name=whole number,…`` with known names."""


def parse(raw: str | None) -> dict[str, int]:
    """``"text_chars=20000000, ocr_pixels=8e7"`` -> {name: value}; raises LimitSettingError."""
    out: dict[str, int] = {}
    for part in (raw or "").split(","):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        name = name.strip().lower()
        if not sep or name not in _BY_NAME:
            raise LimitSettingError(f"expected name=number pairs, names: {', '.join(_BY_NAME)}")
        try:
            number = int(value.strip().replace("_", ""))
        except ValueError:
            raise LimitSettingError(f"{name}: expected a whole number, 1 or more") from None
        if number < 1:
            raise LimitSettingError(f"{name}: expected a whole number, 1 or more")
        out[name] = number
    return out


def limit(name: str) -> int:
    """The limit in force: FOI_LIMITS when it names it (and is valid), else the default."""
    try:
        given = parse(os.environ.get(ENV))
    except LimitSettingError:
        given = {}  # the CLI refuses a bad FOI_LIMITS before any reader runs
    return given.get(name, _BY_NAME[name].default)


def text_cut(text: str, chars: int, lines: int) -> int | None:
    """Where to cut ``text`` to keep at most ``chars`` characters and ``lines`` lines (at a line
    end), or None when it is within both."""
    end = len(text)
    if len(text) > chars:
        cut = text.rfind("\n", 0, chars)
        end = cut if cut > 0 else chars
    newline = -1
    for _ in range(lines):
        newline = text.find("\n", newline + 1, end)
        if newline < 0:
            break
    else:
        if text.find("\n", newline + 1, end) >= 0 or newline + 1 < end:
            end = newline
    return end if end < len(text) else None


def text_cut_warning(kept: int, total: int, lines: int | None = None) -> str:
    """The one line a file cut at ``text_chars``/``text_lines`` gets (every reader says it alike)."""
    what = f"{kept:,} of its {total:,} characters" + (f" ({lines:,} lines)" if lines else "")
    return (f"file too large: only the first {what} of text are indexed "
            "(limits text_chars and text_lines, FOI_LIMITS raises them); split it to index the rest")


def describe() -> str:
    """One line per limit: name, default, what it counts (for --help and the README)."""
    return "\n".join(f"{lim.name}={lim.default}: {lim.what}" for lim in LIMITS)
