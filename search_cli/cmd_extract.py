"""`foi extract`: read files and print what was found, without an index."""

from __future__ import annotations

import json
import sys

import click


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the contract's JSON instead of a summary.")
def extract_cmd(paths: tuple[str, ...], as_json: bool) -> None:
    """Read files (or folders) and print their documents, passages, actions and redactions.

    Exit status: 0 all read; 1 some files could not be read; 2 a PATH does not exist or
    nothing could be read.

    \b
    Example:
      foi extract corpus/.seed/mappa_foi_release.txt --json
      foi extract "corpus/2017-05-04 MDG minutes.pdf"
    """
    import os

    from ingest.pipeline import extract_paths

    missing = [p for p in paths if not os.path.lexists(p)]
    for path in missing:
        click.echo(f"foi: {path}: no such file or folder", err=True)
    if missing:
        sys.exit(2)
    extracted = extract_paths(paths)
    documents, problems = extracted.documents, extracted.problems
    for path, warning in extracted.warnings:
        click.echo(f"{path}: warning: {warning}", err=True)
    for path, reason in problems:
        click.echo(f"{path}: {reason}", err=True)
    if as_json:
        payload = {"schema": 1, "documents": [d.to_json() for d in documents]}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from search_cli.render_extract import render_documents

        render_documents(documents)
    if problems:
        sys.exit(2 if not documents else 1)


COMMANDS = [extract_cmd]
