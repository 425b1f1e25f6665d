"""`foi trace`: what became of an action — its follow-ups through the meeting series, and its status."""

from __future__ import annotations

import click

from search_cli.render import die, dim, open_index_or_exit, place, print_json, wrap


@click.command("trace")
@click.argument("action_id", required=False)
@click.option("--query", "-q", help="Trace the action(s) best matching this text, e.g. 'workshop recommendation 9'.")
@click.option("--all", "trace_all", is_flag=True, help="Trace every action.")
@click.option("--from", "from_paths", multiple=True, type=click.Path(exists=True),
              help="Read these files/folders directly instead of the index (may be repeated).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the contract shape).")
@click.pass_context
def trace_cmd(ctx, action_id: str | None, query: str | None, trace_all: bool, from_paths: tuple[str, ...],
              as_json: bool) -> None:
    """Follow an action from the meeting that raised it to done or carried forward.

    \b
    Examples:
      foi trace mappa-foi-release-d2df59-04-a03
      foi trace --query "workshop recommendation 9"
      foi trace --all --json
      foi trace --all --from corpus/        # without an index
    """
    chosen = sum(bool(x) for x in (action_id, query, trace_all))
    if chosen != 1:
        die("give exactly one of ACTION_ID, --query TEXT or --all")
    from index.trace import Tracer, find_actions

    documents = _documents(ctx, from_paths)
    tracer = Tracer(documents)
    if trace_all:
        wanted = list(tracer.profiles)
    elif query:
        wanted = [a.action_id for a in find_actions(tracer, query)]
        if not wanted:
            die(f"no action matches {query!r}", code=1)
    else:
        wanted = [aid for aid in tracer.profiles if aid == action_id]
        if not wanted:
            near = [aid for aid in tracer.profiles if aid.startswith(action_id)]
            if len(near) != 1:
                die(f"no action with id {action_id!r}" + (f" ({len(near)} ids start so)" if near else
                                                            "; see `foi actions`"))
            wanted = near
    by_id = {t.action.action_id: t for t in tracer.trace_all()}
    traces = [by_id[aid] for aid in wanted]
    if as_json:
        print_json({"schema": 1, "traces": [t.to_json() for t in traces]})
        return
    for i, t in enumerate(traces):
        if i:
            click.echo()
        _render(t)


def _documents(ctx: click.Context, from_paths: tuple[str, ...]) -> list:
    if from_paths:
        from ingest.pipeline import extract_file
        from ingest.walk import walk

        docs = []
        for path in walk(list(from_paths)).files:
            result = extract_file(path)
            if result.error:
                click.echo(f"{path}: {result.error}", err=True)
                continue
            docs += result.documents
        return docs
    with open_index_or_exit(ctx.obj["index_path"]) as index:
        return index.store.load_all()


def _render(trace) -> None:
    """A timeline: date · document · location · relation · text."""
    a = trace.action
    owners = ", ".join(a.owners) + (" [redacted]" if a.owner_redacted else "")
    click.echo(click.style(f"{a.meeting_date or 'undated'} · {a.meeting_group or ''} · {place(a.page, a.location)}",
                           bold=True))
    click.echo(wrap(f"ACTION {a.text}" + (f"  (owner: {owners})" if owners else ""), indent="  "))
    status = trace.status.replace("_", " ")
    if trace.status_link is not None:
        status += f" — {trace.status_link.date or 'undated'}, {trace.status_link.unit.doc.title}"
    click.echo(f"  status: {click.style(status, bold=True)}")
    if not trace.chain:
        click.echo(dim("  no follow-up found"))
    for link in trace.chain:
        doc = link.unit.doc
        where = place(doc.page_at(link.unit.start) if doc.page_starts else link.unit.passage.page,
                      link.unit.passage.location)
        head = f"  {link.date or 'undated'} · {doc.title[:60]} · {where} · {link.relation.replace('_', ' ')}"
        click.echo(head + dim(f" ({link.score:.2f})"))
        click.echo(wrap(link.unit.text.replace("\n", " "), indent="      "))
    click.echo(dim(f"  {a.action_id}"))


COMMANDS = [trace_cmd]
