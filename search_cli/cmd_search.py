"""`foi search QUERY [filters] [--by-year] [--json]`."""

from __future__ import annotations

import click

from ingest.models import DOC_TYPES
from search_cli.render import (
    backend_or_exit,
    dim,
    heading_line,
    highlight,
    iso_date,
    open_index_or_exit,
    place,
    print_json,
    safe,
    style,
)


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--year", "years", type=click.IntRange(1900, 2200), multiple=True, help="Only this year (repeatable).")
@click.option("--since", callback=iso_date, help="Only documents dated on or after (YYYY[-MM[-DD]]).")
@click.option("--until", callback=iso_date, help="Only documents dated on or before (YYYY[-MM[-DD]]).")
@click.option("--type", "doc_types", type=click.Choice(DOC_TYPES, case_sensitive=False), multiple=True,
              help="Only this document type (repeatable).")
@click.option("--group", "groups", multiple=True, help="Only this meeting group: name, part of it, or initials (NSG).")
@click.option("--has-redaction", is_flag=True, help="Only passages with a redaction in them.")
@click.option("--limit", type=click.IntRange(1, 10000), default=10, show_default=True, help="Hits to show (per year with --by-year).")
@click.option("--by-year", is_flag=True, help="Group hits by year, newest first, with a count per year.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the contract shape).")
@click.pass_context
def search(ctx, query, years, since, until, doc_types, groups, has_redaction, limit, by_year, as_json) -> None:
    """Find passages across every document, best first.

    \b
    QUERY: words or a question; passages with more of its words first
    (question words such as "who", "what", "the" are ignored; stemmed).
    +word and "exact phrases" must match, -word excludes, a OR b; a year
    ("2017", "May 2017") favours papers of that date (--year filters);
    abbreviations the papers define match their long forms (MoU); fields
    year:2017 type:minutes group:"Finance Committee" owner:JB status:open; and
    "recommendation 7" / "rec 7" / "rec7" / "R7".
    Example:
      foi search "recommendation 7 vetting"
      foi search "who is responsible for circulating the safety leaflet"
      foi search "library opening hours" --by-year
    """
    from index.search import SearchOptions
    from index.search import search as run_search

    text = " ".join(query)
    with open_index_or_exit(ctx.obj["index_path"]) as index:
        backend_or_exit(index)
        result = run_search(index, SearchOptions(
            query=text, years=list(years), since=since, until=until, doc_types=list(doc_types),
            groups=list(groups), has_redaction=has_redaction, limit=limit, by_year=by_year,
        ))
    for notice in result.notices:
        click.echo(f"foi search: {notice}", err=True)
    if as_json:
        print_json(result.to_json())
        return
    if not result.total:
        line = f"No passages match {text!r}."
        if result.suggestion:
            line += f" Did you mean: {style(result.suggestion, bold=True)}?"
        click.echo(line)
        return
    if result.years is not None:
        summary = ", ".join(f"{g.year or 'undated'}: {g.total}" for g in result.years)
        click.echo(f"{result.total} passages for {text!r} by year ({summary})")
        for group in result.years:
            click.echo("")
            click.echo(style(f"== {group.year or 'undated'} ({group.total}) ==", bold=True))
            for hit in group.hits:
                _print_hit(hit)
            if group.total > len(group.hits):
                click.echo(dim(f"   … {group.total - len(group.hits)} more in {group.year or 'undated'}"))
        return
    click.echo(f"{result.total} passages for {text!r}" + (f", showing {len(result.hits)}" if result.total > len(result.hits) else ""))
    for hit in result.hits:
        click.echo("")
        _print_hit(hit)


def _print_hit(hit) -> None:
    where = place(hit.passage.page, hit.passage.location)
    click.echo(heading_line(hit.doc.date, hit.doc.group, hit.doc.title, where) + dim(f"  [{hit.doc.doc_id}]"))
    click.echo("    " + highlight(hit.snippet))
    for other in hit.also_in:
        click.echo(dim(safe(f"    also in {other.source} [{other.doc_id}] {other.location}".rstrip())))


COMMANDS = [search]
