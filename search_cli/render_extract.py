"""Readable output of `foi extract`: one block per document, actions as a table."""

from __future__ import annotations

import textwrap
from collections import Counter

import click

from ingest.models import Document
from search_cli.render import safe, style
from search_cli.tables import terminal_width


def _clip(text: str, width: int) -> str:
    text = safe(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def render_documents(documents: list[Document]) -> None:
    # the action text takes what the terminal has left after date, owner, due and recs (56 columns)
    width = terminal_width()
    text_width = max(width - 56, 20)
    for doc in documents:
        styles = Counter(r.style for r in doc.redactions)
        click.echo(style(safe(f"{doc.doc_id}  {doc.doc_type}  {doc.date or '—'}  {doc.group or ''}"), bold=True))
        click.echo("  " + _clip(doc.title, width - 2))
        pages = f"{doc.pages} pages · " if doc.pages else ""
        counts = ", ".join(f"{n} {s}" for s, n in sorted(styles.items())) or "none"
        click.echo(textwrap.fill(
            f"{safe(doc.source)} · {pages}{len(doc.passages)} passages · redactions: {counts}"
            f" · {len(doc.recommendation_refs)} recommendation refs · {len(doc.dates)} dates",
            width=width, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False))
        if doc.actions:
            click.echo(f"  {'date':10}  {'owner':18}  {'due':14}  {'rec':5}  action")
            for action in doc.actions:
                owner = _clip(", ".join(action.owners) or "—", 18)
                due = _clip(action.due or "—", 14)
                recs = ",".join(str(n) for n in action.recommendations) or "—"
                click.echo(
                    f"  {action.meeting_date or '—':10}  {owner:18}  {due:14}  {recs:5}  {_clip(action.text, text_width)}"
                )
        click.echo("")
