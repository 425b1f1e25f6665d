"""search_cli/console.py writes and styles exactly as click does (the click-free `foi search`
depends on it for byte-identical output)."""

from __future__ import annotations

import io
import itertools
import sys

import click
import pytest

from search_cli import console

COLOURS = [None, "red", "yellow", "cyan", "bright_black", "reset"]


@pytest.mark.parametrize(("fg", "bold", "dim"), list(itertools.product(COLOURS, [None, True, False], [None, True, False])))
def test_style_is_click_style(fg, bold, dim) -> None:
    for text in ("", "plain", "«x» · é", "\x1b[2J"):
        assert console.style(text, fg=fg, bold=bold, dim=dim) == click.style(text, fg=fg, bold=bold, dim=dim)


class Stream(io.StringIO):
    """A text stream that says whether it is a terminal, with the attributes click looks at."""

    def __init__(self, tty: bool | Exception, encoding: str | None = "utf-8") -> None:
        super().__init__()
        self._tty = tty
        self._encoding = encoding

    @property
    def encoding(self):  # io.StringIO's is read-only None
        return self._encoding

    @property
    def errors(self):
        return "strict"

    def isatty(self) -> bool:
        if isinstance(self._tty, Exception):
            raise self._tty
        return self._tty


MESSAGES = ["", "plain", click.style("bold", bold=True) + " and " + click.style("dim", dim=True),
            "\x1b[31mred\x1b[0m \x1b[?25l \x1b]0;title\x07", "line one\nline two"]


@pytest.mark.parametrize("tty", [True, False, OSError("closed")])
@pytest.mark.parametrize("err", [False, True])
def test_echo_is_click_echo(monkeypatch, tty, err) -> None:
    name = "stderr" if err else "stdout"
    for message in MESSAGES:
        ours, theirs = Stream(tty), Stream(tty)
        monkeypatch.setattr(sys, name, ours)
        console.echo(message, err=err)
        monkeypatch.setattr(sys, name, theirs)
        click.echo(message, err=err)
        assert ours.getvalue() == theirs.getvalue(), message
        if "bold" in message:
            assert ("\x1b[1m" in ours.getvalue()) is (tty is True)  # styles kept on a terminal only


def test_streams_click_would_rewrap_are_not_plain() -> None:
    assert console.stream_is_plain(Stream(False))
    assert not console.stream_is_plain(Stream(False, encoding="ascii"))
    assert not console.stream_is_plain(Stream(False, encoding=None))
    assert not console.stream_is_plain(None)
