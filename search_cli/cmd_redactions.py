"""`foi redactions [--doc D] [--style S] [--since DATE] [--until DATE] [--json]`.

Replaces the unfiltered listing in ``cmd_browse`` (registered after it in ``main``)."""

from __future__ import annotations

import click

from index.printable import safe
from ingest.models import REDACTION_STYLES
from search_cli.render import dim, iso_date, open_index_or_exit, print_json, style
from search_cli.tables import fit_table


@click.command()
@click.option("--doc", help="Only this document: a doc id (or a unique start of one) or part of a file name.")
@click.option("--style", "style_", type=click.Choice(REDACTION_STYLES, case_sensitive=False),
              help="Only redactions of this style.")
@click.option("--since", callback=iso_date, help="Documents dated on or after (YYYY[-MM[-DD]]).")
@click.option("--until", callback=iso_date, help="Documents dated on or before (YYYY[-MM[-DD]]).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the contract shape).")
@click.pass_context
def redactions(ctx, doc: str | None, style_: str | None, since: str | None, until: str | None,
               as_json: bool) -> None:
    """List every redaction, with its style, exemption and context.

    No match is an answer, not an error (exit 0); an unknown document, style or date is a
    usage error (exit 2).

    \b
    Example:
      foi redactions --style pdf_box --since 2017
      foi redactions --doc minutes --json
    """
    from index.store import RedactionFilters

    filters = RedactionFilters(doc=doc, style=style_, since=since, until=until)
    with open_index_or_exit(ctx.obj["index_path"]) as index:
        found = index.store.redactions(filters)
    if as_json:
        print_json({"schema": 1, "redactions": [r.to_json() for r in found]})
        return
    if not found:
        filtered = any(v is not None for v in (doc, style_, since, until))
        click.echo("No redactions match." if filtered else "No redactions in the index.")
        return
    click.echo(fit_table(
        [tuple(safe(str(v)) for v in (
            r.source, _where(r.page, r.location), r.style, r.marker, r.exemption or "",
            f"{r.context_before[-25:]} ▮ {r.context_after[:25]}", "yes" if r.text_beneath else ""))
         for r in found],
        ["SOURCE", "WHERE", "STYLE", "MARKER", "EXEMPTION", "CONTEXT", "TEXT BENEATH"], max_cell=40,
        style_header=lambda s: style(s, bold=True),
    ))
    click.echo(dim(f"{len(found)} redactions"))


def _where(page: int | None, location: str | None) -> str:
    return " ".join(x for x in (f"p.{page}" if page is not None else "", location or "") if x)


COMMANDS = [redactions]
