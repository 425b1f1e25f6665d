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
    from index.trace import TraceSelectionError, select_stored_traces, select_traces

    try:
        if from_paths:
            traces = select_traces(_read(from_paths), action_id, query, trace_all)
        else:
            with open_index_or_exit(ctx.obj["index_path"]) as index:
                if index.store.get_meta("traces") == "fresh":
                    traces = select_stored_traces(index.store, action_id, query, trace_all)
                else:  # too large to trace at ingest, or traced by an older version
                    traces = select_traces(index.store.load_all(), action_id, query, trace_all)
    except TraceSelectionError as exc:
        die(str(exc), code=2 if exc.usage else 1)
    if as_json:
        print_json({"schema": 1, "traces": traces})
        return
    for i, trace in enumerate(traces):
        if i:
            click.echo()
        _render(trace)


def _read(from_paths: tuple[str, ...]) -> list:
    from ingest.pipeline import extract_paths

    extracted = extract_paths(from_paths)
    for path, reason in extracted.problems:
        click.echo(f"{path}: {reason}", err=True)
    return extracted.documents


def _render(trace: dict) -> None:
    """A timeline: date · document · location · relation · text."""
    a = trace["action"]
    owners = ", ".join(a["owners"]) + (" [redacted]" if a["owner_redacted"] else "")
    click.echo(click.style(f"{a['meeting_date'] or 'undated'} · {a['meeting_group'] or ''} · "
                           f"{place(a['page'], a['location'])}", bold=True))
    click.echo(wrap(f"ACTION {a['text']}" + (f"  (owner: {owners})" if owners else ""), indent="  "))
    status = trace["status"].replace("_", " ")
    evidence = trace.get("status_evidence")
    if evidence:
        status += f" — {evidence['date'] or 'undated'}, {evidence.get('title') or evidence['source']}"
    click.echo(f"  status: {click.style(status, bold=True)}")
    if not trace["chain"]:
        click.echo(dim("  no follow-up found"))
    for link in trace["chain"]:
        title = (link.get("title") or link["source"])[:60]
        head = (f"  {link['date'] or 'undated'} · {title} · {place(link['page'], link['location'])}"
                f" · {link['relation'].replace('_', ' ')}")
        click.echo(head + dim(f" ({link['score']:.2f})"))
        click.echo(wrap(link["text"].replace("\n", " "), indent="      "))
    click.echo(dim(f"  {a['action_id']}"))


COMMANDS = [trace_cmd]
