"""`foi search QUERY [filters] [--by-year] [--json]`."""

from __future__ import annotations

import click

from ingest.models import DOC_TYPES
from search_cli.render import iso_date
from search_cli.search_params import DEFAULT_LIMIT, LIMITS, YEARS


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--year", "years", type=click.IntRange(*YEARS), multiple=True, help="Only this year (repeatable).")
@click.option("--since", callback=iso_date, help="Only documents dated on or after (YYYY[-MM[-DD]]).")
@click.option("--until", callback=iso_date, help="Only documents dated on or before (YYYY[-MM[-DD]]).")
@click.option("--type", "doc_types", type=click.Choice(DOC_TYPES, case_sensitive=False), multiple=True,
              help="Only this document type (repeatable).")
@click.option("--group", "groups", multiple=True, help="Only this meeting group: name, part of it, or initials (NSG).")
@click.option("--has-redaction", is_flag=True, help="Only passages with a redaction in them.")
@click.option("--limit", type=click.IntRange(*LIMITS), default=DEFAULT_LIMIT, show_default=True, help="Hits to show (per year with --by-year).")
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
    from search_cli.search_output import search_and_print

    search_and_print(ctx.obj["index_path"], SearchOptions(
        query=" ".join(query), years=list(years), since=since, until=until, doc_types=list(doc_types),
        groups=list(groups), has_redaction=has_redaction, limit=limit, by_year=by_year,
    ), as_json, click.echo)


COMMANDS = [search]
