"""Readable output of `foi extract`: one block per document, actions as a table."""

from __future__ import annotations

from collections import Counter

import click

from ingest.models import Document


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_documents(documents: list[Document]) -> None:
    for doc in documents:
        styles = Counter(r.style for r in doc.redactions)
        click.secho(f"{doc.doc_id}  {doc.doc_type}  {doc.date or '—'}  {doc.group or ''}", bold=True)
        click.echo(f"  {doc.title}")
        pages = f"{doc.pages} pages · " if doc.pages else ""
        counts = ", ".join(f"{n} {s}" for s, n in sorted(styles.items())) or "none"
        click.echo(
            f"  {doc.source} · {pages}{len(doc.passages)} passages · redactions: {counts}"
            f" · {len(doc.recommendation_refs)} recommendation refs · {len(doc.dates)} dates"
        )
        if doc.actions:
            click.echo(f"  {'date':10}  {'owner':18}  {'due':14}  {'rec':5}  action")
            for action in doc.actions:
                owner = _clip(", ".join(action.owners) or "—", 18)
                due = _clip(action.due or "—", 14)
                recs = ",".join(str(n) for n in action.recommendations) or "—"
                click.echo(
                    f"  {action.meeting_date or '—':10}  {owner:18}  {due:14}  {recs:5}  {_clip(action.text, 70)}"
                )
        click.echo("")
