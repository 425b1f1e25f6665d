"""`foi audit`: check a release for redactions that leak or contradict each other."""

from __future__ import annotations

import datetime
import json
import os
import sys

import click

from search_cli.render import die, open_index_or_exit

FORMATS = ("table", "json", "csv", "html")


def _documents_from_index(index_path: str) -> list:
    with open_index_or_exit(index_path) as index:
        return index.store.load_all()


@click.command("audit")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--names", "names_file", type=click.Path(dir_okay=False),
              help="File of names to withhold, one per line: report every visible occurrence.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output: a table grouped by kind, the contract's JSON, CSV, or a one-file HTML report.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout.")
@click.pass_context
def audit_cmd(ctx: click.Context, paths: tuple[str, ...], names_file: str | None, fmt: str,
              as_json: bool, out_file: str | None) -> None:
    """Find every way a release leaks what it redacts or contradicts itself.

    Audits the documents in the index, or, given PATHs (files or folders), those files
    directly without an index: run it on a release before it goes out.

    \b
    Finds: text still under PDF boxes or DOCX shading; names and initials visible
    where the release redacts people elsewhere; text redacted in one place and readable
    in another; copies of a document that differ; names from --names; mixed marker
    styles; markers without an exemption.

    Exit status: 0 no findings; 1 findings, or files that could not be read (each is
    listed); 2 usage error, a PATH that does not exist, or nothing read at all (so "no
    findings" is never said of an audit that read nothing); 3 internal error.

    \b
    Example:
      foi audit
      foi audit corpus/ --names withhold.txt --format html --out audit.html
    """
    from index.audit import run_audit
    from index.audit.watchlist import WatchlistError, read_names

    if as_json:
        fmt = "json"
    names: list[str] | None = None
    if names_file:
        try:
            names = read_names(names_file)
        except (OSError, WatchlistError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            die(f"{names_file}: {reason}")
    index_path = ctx.obj["index_path"] if ctx.obj else ".foi"
    unread: list[tuple[str, str]] = []
    if paths:
        from ingest.pipeline import extract_paths
        from ingest.walk import walk

        walked = walk(list(paths))
        missing = [(p, r) for p, r in walked.problems if p in paths]
        for path, reason in missing:
            click.echo(f"foi: {path}: {reason}", err=True)
        if missing:
            sys.exit(2)
        extracted = extract_paths(walked.files)
        documents = extracted.documents
        unread = [(p, f"skipped: {r}") for p, r in walked.skipped] + [
            (p, f"not read: {r}") for p, r in walked.problems + extracted.problems]
        what = {"paths": [os.path.abspath(p) for p in paths]}
    else:
        documents = _documents_from_index(index_path)
        what = {"index": os.path.abspath(index_path)}
    for path, reason in unread:
        click.echo(f"{path}: {reason}", err=True)
    if not any(d.text for d in documents):
        given = f"{len(unread)} file(s) given, none readable" if paths else f"the index at {index_path} holds no documents"
        die(f"nothing to audit: {given}")

    result = run_audit(documents, names)
    result.unread = unread
    result.run = {
        "when": datetime.datetime.now(datetime.UTC).astimezone().isoformat(timespec="seconds"),
        **what,
        "names": os.path.abspath(names_file) if names_file else None,
        "names_count": len(names) if names is not None else 0,
        "version": _version(),
    }

    if fmt == "json":
        output = json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "csv":
        from index.audit.report import render_csv

        output = render_csv(result)
    elif fmt == "html":
        from index.audit.report import render_html

        output = render_html(result)
    else:
        from index.audit.report import render_table
        from search_cli.tables import terminal_width

        output = render_table(result, width=terminal_width())
    if out_file:
        try:
            with open(out_file, "w", encoding="utf-8", newline="") as handle:
                handle.write(output)
        except OSError as exc:
            die(f"{out_file}: cannot write ({exc.strerror or exc})")
        click.echo(f"{len(result.findings)} finding(s) written to {out_file}", err=True)
    else:
        click.echo(output, nl=False)
    sys.exit(1 if result.findings or unread else 0)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"foisearch {version('foisearch')}"
    except PackageNotFoundError:
        return "foisearch (not installed)"


COMMANDS = [audit_cmd]
