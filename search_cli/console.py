"""Writing to the terminal as click does, without importing click (about 15 ms of every start).

`foi search` runs without click when its arguments are plain (search_cli/fast_search.py); its
output must then be the bytes click would write. ``style`` builds click.style's codes for the
styles foi uses, ``echo`` writes as click.echo does: the styles removed when the stream is not a
terminal, a newline, a flush. tests/test_console.py holds both equal to click's.
"""

from __future__ import annotations

import re
import sys

# click.utils' pattern of a style code (the codes click.echo removes off a terminal).
ANSI_CODE = re.compile(r"\033\[[0-?]*[ -/]*[@-~]")
_RESET = "\033[0m"
# click's colour names, in the order of their codes (30 + index; 90 + index for bright_).
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")


def style(text: str, *, fg: str | None = None, bold: bool | None = None, dim: bool | None = None) -> str:
    """click.style(text, fg=..., bold=..., dim=...): the same codes in the same order."""
    bits = []
    if fg is not None:
        bits.append(f"\033[{_colour_code(fg)}m")
    if bold is not None:
        bits.append(f"\033[{1 if bold else 22}m")
    if dim is not None:
        bits.append(f"\033[{2 if dim else 22}m")
    bits.append(text)
    bits.append(_RESET)
    return "".join(bits)


def _colour_code(name: str) -> int:
    if name == "reset":
        return 39
    if name.startswith("bright_") and name[7:] in _COLOURS:
        return 90 + _COLOURS.index(name[7:])
    if name in _COLOURS:
        return 30 + _COLOURS.index(name)
    raise ValueError(f"unknown colour {name!r}")


def stream_is_plain(stream) -> bool:
    """click.echo writes to this stream as it is (it re-wraps a stream whose encoding is ASCII
    or missing in UTF-8, and skips a missing stream): then `echo` writes the same bytes."""
    if stream is None or type(stream).__module__.startswith("ipykernel."):
        return False  # none: click writes nothing; Jupyter's: click keeps the styles
    encoding = getattr(stream, "encoding", None)
    if not encoding or getattr(stream, "errors", None) is None:
        return False
    import codecs

    try:
        return codecs.lookup(encoding).name != "ascii"
    except LookupError:
        return True  # click keeps a stream whose encoding it does not know


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except Exception:  # noqa: BLE001 - click.utils.isatty: any failure means not a terminal
        return False


def echo(message: str = "", err: bool = False) -> None:
    """click.echo(message, err=err) for a str message."""
    stream = sys.stderr if err else sys.stdout
    if not stream_is_plain(stream):
        import click  # an unusual stream (ASCII, none): click's own handling, not a copy of it

        click.echo(message, err=err)
        return
    out = message + "\n"
    if not _isatty(stream):
        out = ANSI_CODE.sub("", out)
    stream.write(out)
    stream.flush()
