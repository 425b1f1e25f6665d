"""Reading the record store: `foi documents`, `show`, `actions`, `recs`, `redactions`."""

from __future__ import annotations

import click

from search_cli.render import (
    die,
    dim,
    heading_line,
    iso_date,
    open_index_or_exit,
    place,
    print_json,
    safe,
    table,
    wrap,
)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the contract shape).")
@click.pass_context
def documents(ctx, as_json: bool) -> None:
    """List the documents in the index, by date."""
    with open_index_or_exit(ctx.obj["index_path"]) as index:
        docs = index.store.documents()
    if as_json:
        print_json({"schema": 1, "documents": [d.summary_json() for d in docs]})
        return
    if not docs:
        click.echo("The index holds no documents.")
        return
    click.echo(table(
        [(d.date or "undated", d.doc_type, d.group or "", d.title, d.pages if d.pages is not None else "", d.doc_id)
         for d in docs],
        ["DATE", "TYPE", "GROUP", "TITLE", "PAGES", "DOC_ID"], max_width=50,
    ))
    click.echo(dim(f"{len(docs)} documents"))


@click.command()
@click.argument("doc_id")
@click.option("--json", "as_json", is_flag=True, help="Print the whole document as JSON (as `foi extract`).")
@click.pass_context
def show(ctx, doc_id: str, as_json: bool) -> None:
    """Show one document: its passages, actions, references and redactions.

    DOC_ID may be any unique prefix of the id `foi documents` lists.
    """
    with open_index_or_exit(ctx.obj["index_path"]) as index:
        ids = index.store.find_doc_ids(doc_id)
        if not ids:
            die(f"no document {doc_id!r} in the index (see `foi documents`)")
        if len(ids) > 1:
            die(f"{doc_id!r} names {len(ids)} documents ({', '.join(ids[:5])}{', …' if len(ids) > 5 else ''})")
        doc = index.store.load_document(ids[0])
        parent = index.store.doc_summaries([doc.parent_id]).get(doc.parent_id) if doc.parent_id else None
    if as_json:
        print_json({"schema": 1, "documents": [doc.to_json()]})
        return
    click.echo(heading_line(doc.date, doc.group, doc.title, doc.doc_type) + dim(f"  [{doc.doc_id}]"))
    click.echo(dim(safe(f"source: {doc.source}" + (f", {doc.pages} pages" if doc.pages else ""))))
    if doc.parent_id:
        within = f"“{parent.title}” [{doc.parent_id}]" if parent else f"[{doc.parent_id}]"
        click.echo(dim(safe(f"attached to {within} as {doc.member}")))
    for p in doc.passages:
        label = place(p.page, p.location)
        recs = f" rec {', '.join(map(str, p.recommendations))}" if p.recommendations else ""
        click.echo(click.style(f"[{label}]", fg="cyan") + dim(recs) if label or recs else "")
        click.echo(wrap(p.text))
    if doc.actions:
        click.echo(click.style(f"\nActions ({len(doc.actions)})", bold=True))
        for a in doc.actions:
            click.echo(safe(f"  {a.location or ''} {a.text}  ") + dim(safe(f"owner: {', '.join(a.owners) or '-'}; due: {a.due or '-'}")))
    if doc.redactions:
        click.echo(click.style(f"\nRedactions ({len(doc.redactions)})", bold=True))
        for r in doc.redactions:
            click.echo(safe(f"  {place(r.page, r.location)} {r.style} {r.marker!r}" + (f" {r.exemption}" if r.exemption else "")))


@click.command()
@click.option("--owner", help="Only actions owned by someone whose name contains this.")
@click.option("--rec", type=int, help="Only actions on this recommendation number.")
@click.option("--status", help="Only actions with this status ('open' = anything not complete).")
@click.option("--open", "open_only", is_flag=True,
              help="Only actions with no completing follow-up in their series (same as --status open).")
@click.option("--since", callback=iso_date, help="Meeting on or after (YYYY[-MM[-DD]]).")
@click.option("--until", callback=iso_date, help="Meeting on or before (YYYY[-MM[-DD]]).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the contract shape).")
@click.pass_context
def actions(ctx, owner, rec, status, open_only, since, until, as_json: bool) -> None:
    """List the actions recorded in minutes and action lists, by meeting date.

    \b
    Example:
      foi actions --open          # what no later meeting reports as done
    """
    if open_only and status:
        die("give --open or --status, not both")
    status = "open" if open_only else status
    from index.browse import list_actions
    from index.store import ActionFilters

    with open_index_or_exit(ctx.obj["index_path"]) as index:
        listed = list_actions(index.store, ActionFilters(owner=owner, rec=rec, status=status, since=since, until=until))
    if as_json:
        print_json({"schema": 1, "actions": [entry.to_json() for entry in listed]})
        return
    found = [entry.item for entry in listed]
    if not found:
        click.echo("No actions match.")
        return
    click.echo(table(
        [(a.meeting_date or "", a.meeting_group or "", a.location, a.text, ", ".join(a.owners)
          + (" [redacted]" if a.owner_redacted else ""), a.due or "", a.status or "",
          ",".join(map(str, a.recommendations)))
         for a in found],
        ["MEETING", "GROUP", "ITEM", "ACTION", "OWNER", "DUE", "STATUS", "RECS"], max_width=48,
    ))
    click.echo(dim(f"{len(found)} actions"))


@click.command()
@click.argument("number", type=click.IntRange(0, 999), required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the contract shape).")
@click.pass_context
def recs(ctx, number: int | None, as_json: bool) -> None:
    """Every reference to recommendation NUMBER (all recommendations if omitted), by date."""
    from index.browse import list_recs

    with open_index_or_exit(ctx.obj["index_path"]) as index:
        listed = list_recs(index.store, number)
    if as_json:
        print_json({"schema": 1, "refs": [entry.to_json() for entry in listed]})
        return
    rows = [entry.item for entry in listed]
    copies = {id(entry.item): len(entry.also_in) for entry in listed}
    if not rows:
        click.echo(f"No references to recommendation {number}." if number is not None else "No recommendation references.")
        return
    for r in rows:
        click.echo(safe(f"{r.date or 'undated'} · rec {r.ref.number} · {r.source} · {place(r.ref.page, r.ref.location)}")
                   + dim(f"  [{r.doc_id}] {r.doc_type}"))
        click.echo(wrap(r.ref.text))
        if copies[id(r)]:
            click.echo(dim(f"    also in {copies[id(r)]} other cop{'y' if copies[id(r)] == 1 else 'ies'}"))
    click.echo(dim(f"{len(rows)} references"))


COMMANDS = [documents, show, actions, recs]
