"""Every setting `foi` reads from the environment, checked once before a command runs.

An empty value counts as unset (the default; for FOI_OCR_CACHE: no cache). A bad value stops the command with one line naming the variable, the value and what it
accepts (exit 2), instead of a traceback at import or a silent fallback deep inside a reader.
The readers themselves (``ingest/``, ``index/``) still read ``os.environ``; this table is where
a new setting is added so that it is checked and documented (``foi --help``, README).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass


class SettingError(ValueError):
    """An environment variable holds a value foi cannot use."""


def _number(minimum: float, integer: bool) -> Callable[[str], object]:
    def check(raw: str) -> object:
        kind = "a whole number" if integer else "a number"
        try:
            value = int(raw) if integer else float(raw)
        except ValueError:
            value = None
        if value is None or value != value or value in (float("inf"), float("-inf")) or value < minimum:
            raise SettingError(f"expected {kind}, {minimum:g} or more")
        return value

    return check


def _one_of(*choices: str) -> Callable[[str], object]:
    def check(raw: str) -> object:
        value = raw.strip().lower()
        if value not in choices:
            raise SettingError(f"expected one of: {', '.join(choices)}")
        return value

    return check


def _text(raw: str) -> object:
    if "\x00" in raw:
        raise SettingError("a name may not hold a NUL character")
    return raw


def _limits(raw: str) -> object:
    from ingest.limits import LimitSettingError, parse

    try:
        return parse(raw)
    except LimitSettingError as exc:
        raise SettingError(str(exc)) from None


@dataclass(frozen=True)
class Setting:
    """An environment variable foi reads: its check, and what it accepts (for the message)."""

    name: str
    check: Callable[[str], object]
    accepts: str


SETTINGS = (
    Setting("FOI_INDEX", _text, "an index folder"),
    Setting("FOI_LOCK_TIMEOUT", _number(0, integer=False), "seconds (a number, 0 or more)"),
    Setting("FOI_PDF_ENGINE", _one_of("fast", "plumber"), "fast or plumber"),
    Setting("FOI_TESSERACT", _text, "the Tesseract program"),
    Setting("FOI_ANTIWORD", _text, "the antiword program (reads legacy .doc files)"),
    Setting("FOI_OCR_CACHE", _text, "a folder (empty: no cache)"),
    Setting("FOI_TRACE_AT_INGEST_LIMIT", _number(0, integer=True), "a whole number, 0 or more"),
    Setting("FOI_DEBUG", _text, "anything: show tracebacks of internal errors"),
    Setting("FOI_LIMITS", _limits, "name=number pairs raising or lowering the limits of ingest/limits.py, "
            "e.g. text_chars=20000000,ocr_pixels=80000000"),
)


def check_environment(env: Mapping[str, str] | None = None) -> list[str]:
    """One message per environment setting whose value cannot be used (empty list: all fine)."""
    env = os.environ if env is None else env
    problems = []
    for setting in SETTINGS:
        raw = env.get(setting.name)
        if raw is None or raw.strip() == "":
            continue  # unset or empty: the default (as click reads an empty envvar)
        try:
            setting.check(raw.strip() if setting.check is not _text else raw)
        except SettingError as exc:
            problems.append(f"{setting.name}={raw!r}: {exc}")
    return problems
