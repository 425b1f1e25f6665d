"""`foi ingest PATH... [--workers N] [--force] [--json]`."""

from __future__ import annotations

import contextlib
import os
import sys

import click

from search_cli.heartbeat import Heartbeat
from search_cli.render import die, print_json, style


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes that read and extract files (one process writes the index).")
@click.option("--force", is_flag=True, help="Re-read every file, changed or not.")
@click.option("--engine", type=click.Choice(["whoosh", "fts5"]), default=None,
              help="Search engine of a new index: whoosh (the default) or fts5 (SQLite FTS5). "
                   "Recorded in the index; later commands use it, and an existing index keeps its own.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], workers: int, force: bool, engine: str | None,
           as_json: bool) -> None:
    """Add files and folders (recursively) to the index.

    Unchanged files are skipped, changed files replace their old version, and nothing is
    removed: a file that has disappeared is reported and stays searchable.

    Exit status: 0 every file read; 1 some files could not be read (each is listed); 2 a
    PATH does not exist (nothing is ingested), no file given could be read, the index is
    unusable or busy, or --engine names another engine than the index was made with.

    \b
    Example:
      foi ingest corpus/ extra/minutes-2018.pdf
      foi --index .foi-fts5 ingest --engine fts5 corpus/
    """
    from index import IndexUnavailable
    from index.build import DEFAULT_LOCK_TIMEOUT, IndexBusy, run

    missing = [p for p in paths if not os.path.lexists(p)]
    for path in missing:
        click.echo(f"foi: {_shown(path)}: no such file or folder", err=True)
    if missing:
        sys.exit(2)  # nothing is ingested when a path is mistyped: the user checks the list first
    index_path = ctx.obj["index_path"]
    bar = None

    def progress(done: int, total: int, path: str | None) -> None:
        nonlocal bar
        if not sys.stderr.isatty() or as_json or total == 0:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="Reading", file=sys.stderr,
                                    show_pos=True, item_show_func=lambda p: p and _short(_shown(p)))
            bar.__enter__()
        if path is not None:
            bar.update(1, path)
            heartbeat.file_done()

    watching = sys.stderr.isatty() and not as_json
    heartbeat = Heartbeat(lambda: bar, lambda p: _short(_shown(p)))
    try:
        with heartbeat if watching else contextlib.nullcontext():
            summary = run(index_path, paths, force=force, workers=workers, progress=progress,
                          lock_timeout=_lock_timeout(DEFAULT_LOCK_TIMEOUT), engine=engine,
                          waiting=heartbeat.waiting if watching else None)
    except IndexBusy as exc:
        die(str(exc))
    except IndexUnavailable as exc:
        die(str(exc))
    except KeyboardInterrupt:
        click.echo("\nfoi: interrupted; files done so far are kept, run ingest again to finish", err=True)
        sys.exit(130)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)

    if as_json:
        print_json(summary.to_json())
        # stdout is the script's; the person watching still gets one line per problem file.
        _print_problems(summary, warnings=False)
    else:
        _print_summary(summary)
    if summary.ingested + summary.unchanged == 0 and (summary.failed or summary.skipped):
        click.echo("foi: nothing read: no file among the paths given could be read", err=True)
        sys.exit(2)
    sys.exit(1 if summary.failed else 0)


def _lock_timeout(default: float) -> float:
    """Seconds to wait for another ingest of the same index: $FOI_LOCK_TIMEOUT, else the default."""
    raw = os.environ.get("FOI_LOCK_TIMEOUT", "")
    try:
        value = float(raw)
    except ValueError:
        if raw:
            click.echo(f"foi: ignoring FOI_LOCK_TIMEOUT={raw!r} (not a number of seconds)", err=True)
        return default
    return max(value, 0.0)


def _short(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1):]


def _print_summary(summary) -> None:
    seen = summary.ingested + summary.unchanged + len(summary.failed)
    if summary.ingested == 0 and not summary.failed and summary.unchanged:
        head = f"All {summary.unchanged} files unchanged; nothing to ingest."
    else:
        reread = f", {summary.reread} re-read by a newer pipeline" if summary.reread else ""
        head = (f"Ingested {summary.ingested} of {seen} files ({summary.unchanged} unchanged, "
                f"{len(summary.failed)} failed{reread}).")
    click.echo(head + f" Index holds {summary.documents} documents, {summary.passages} passages.")
    if summary.reconciled:
        click.echo(f"Repaired {summary.reconciled} documents left half-written by an interrupted ingest.")
    _print_problems(summary, warnings=True)


def _shown(text: str) -> str:
    """A path or reason as one printable line: control characters (a newline or a terminal
    escape sequence in a file name) are written as escapes, never sent to the terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _print_problems(summary, warnings: bool) -> None:
    """One stderr line per file left out or failed (paths shown as given, never opened)."""
    if warnings:
        for path, warning in summary.warnings:
            click.echo(style(f"warning: {_shown(path)}: {_shown(warning)}", fg="yellow"), err=True)
    for path, reason in summary.skipped:
        click.echo(f"skipped: {_shown(path)}: {_shown(reason)}", err=True)
    for path in summary.missing:
        click.echo(f"missing: {_shown(path)}: no longer on disk; kept in the index", err=True)
    for path, reason in summary.failed:
        click.echo(style(f"failed: {_shown(path)}: {_shown(reason)}", fg="red"), err=True)


COMMANDS = [ingest]
