"""`foi search` without click: the common call, read from the command line when it can be read
with certainty, so that a search does not pay for importing click (about 15 ms a start).

`parse` takes only the plain forms: ``[--index PATH] search WORD... [--json] [--by-year]
[--has-redaction] [--limit N] [--year Y]... [--since D] [--until D] [--type T]... [--group G]...``
with options and words in any order after ``search``, each option's value its own argument.
Anything else (``--help``, ``--version``, ``--opt=value``, ``--``, a word or value beginning
with ``-``, a value click would refuse or normalise, a repeated single option, a bad setting in
the environment, an output stream click would re-wrap, shell completion) is None, and the click
command group runs instead: its messages and exit codes stay click's. A parsed call runs the same
code as the click command (search_cli/search_output.py); tests/test_fast_search.py runs both
paths over many argument forms and compares their bytes and exit codes.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from search_cli.search_params import DEFAULT_LIMIT, LIMITS, YEARS

# The options taken, by kind (the click command has these and no others taken here).
FLAGS = {"--json": "as_json", "--by-year": "by_year", "--has-redaction": "has_redaction"}
SINGLE = ("--limit", "--since", "--until")  # one value; repeated: left to click
MULTIPLE = ("--year", "--type", "--group")  # repeatable, values in order
_DIGITS = re.compile(r"[0-9]+")


@dataclass
class SearchCall:
    """A `foi search` read from the command line: what the click command would have received."""

    index_path: str
    words: list[str]
    as_json: bool = False
    by_year: bool = False
    has_redaction: bool = False
    limit: int = DEFAULT_LIMIT
    since: str | None = None
    until: str | None = None
    years: list[int] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


def parse(argv: Sequence[str], environ: Mapping[str, str]) -> SearchCall | None:
    """The search ``argv`` (the arguments after the program name) asks for, or None when only
    click can say (see the module's docstring)."""
    args = list(argv)
    index_path = environ.get("FOI_INDEX") or ".foi"  # click: an empty variable is unset
    if args[:1] == ["--index"]:
        if len(args) < 2 or not _plain_value(args[1]):
            return None
        index_path, args = args[1], args[2:]
    if args[:1] != ["search"] or not _environment_plain(environ) or not _index_path_plain(index_path):
        return None
    call = SearchCall(index_path, [])
    seen: set[str] = set()
    rest = iter(args[1:])
    for arg in rest:
        if not arg.startswith("-"):
            call.words.append(arg)
        elif arg in FLAGS:
            setattr(call, FLAGS[arg], True)
        elif arg in SINGLE or arg in MULTIPLE:
            value = next(rest, None)
            if value is None or not _plain_value(value) or (arg in SINGLE and arg in seen):
                return None
            seen.add(arg)
            if not _take(call, arg, value):
                return None
        else:
            return None
    return call if call.words else None


def _take(call: SearchCall, option: str, value: str) -> bool:
    """Sets ``option``'s ``value`` on ``call``; False when click might read it otherwise
    (refuse it, or normalise it: " 7", "Minutes")."""
    if option in ("--limit", "--year"):
        low, high = LIMITS if option == "--limit" else YEARS
        if not _DIGITS.fullmatch(value) or not low <= int(value) <= high:
            return False
        if option == "--limit":
            call.limit = int(value)
        else:
            call.years.append(int(value))
    elif option in ("--since", "--until"):
        from index.store import FilterError, check_date

        try:
            date = check_date(value, option)  # the click command's callback (render.iso_date)
        except FilterError:
            return False
        setattr(call, option[2:], date)
    elif option == "--type":
        from ingest.models import DOC_TYPES

        if value not in DOC_TYPES:
            return False
        call.doc_types.append(value)
    else:
        call.groups.append(value)
    return True


def _plain_value(value: str) -> bool:
    # click would take "-x" as a value too, but whether it does depends on the option's kind
    return value != "" and not value.startswith("-")


def _environment_plain(environ: Mapping[str, str]) -> bool:
    """No setting that stops the command (click's group prints those), no shell completion
    request (click answers it), and output streams that click writes to as they are."""
    from search_cli.console import stream_is_plain
    from search_cli.settings import check_environment

    if any(name.endswith("_COMPLETE") and value for name, value in environ.items()):
        return False
    return stream_is_plain(sys.stdout) and stream_is_plain(sys.stderr) and not check_environment(environ)


def _index_path_plain(path: str) -> bool:
    """click.Path(file_okay=False) takes a path that does not exist, and a readable one that is
    not a file; it refuses the others with a usage error (exit 2)."""
    try:
        st = os.stat(path)
    except OSError:
        return True
    import stat

    return not stat.S_ISREG(st.st_mode) and os.access(path, os.R_OK)


def run(call: SearchCall) -> None:
    """Runs a parsed call as the click command would, under the same fault handling."""
    from index.search import SearchOptions
    from search_cli.console import echo
    from search_cli.faults import command_faults
    from search_cli.search_output import search_and_print

    with command_faults():
        search_and_print(call.index_path, SearchOptions(
            query=" ".join(call.words), years=call.years, since=call.since, until=call.until,
            doc_types=call.doc_types, groups=call.groups, has_redaction=call.has_redaction, limit=call.limit,
            by_year=call.by_year,
        ), call.as_json, echo)
