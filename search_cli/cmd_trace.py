"""`foi trace` and `foi series`: what became of an action, meeting by meeting, and the meeting series."""

from __future__ import annotations

import sys

import click

from search_cli.render import die, dim, open_index_or_exit, place, print_json, wrap


def _progress(label: str):
    """A progress bar on stderr for anything longer than a moment (never in --json or off a terminal)."""
    bar = None

    def report(done: int, total: int) -> None:
        nonlocal bar
        if not sys.stderr.isatty() or total < 20:
            return
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
            bar.__enter__()
        bar.update(1)
        if done >= total:
            bar.__exit__(None, None, None)

    return report


@click.command("trace")
@click.argument("target", required=False, metavar="ACTION_ID_OR_WORDS")
@click.option("--query", "-q", help="Trace the action best matching this text, e.g. 'workshop recommendation 9'.")
@click.option("--all", "trace_all", is_flag=True, help="Trace every action.")
@click.option("--from", "from_paths", multiple=True, type=click.Path(exists=True),
              help="Read these files/folders directly instead of the index (may be repeated).")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, writable=True),
              help="Write the trace as a timeline page to this file (one action).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the contract shape).")
@click.pass_context
def trace_cmd(ctx, target: str | None, query: str | None, trace_all: bool, from_paths: tuple[str, ...],
              html_out: str | None, as_json: bool) -> None:
    """Follow an action from the meeting that raised it to done or carried forward.

    ACTION_ID_OR_WORDS is an action id (see `foi actions`) or words: the best-matching action is traced.

    \b
    Examples:
      foi trace board-minutes-2014-01-30-62a129-a02     # an id `foi actions` lists
      foi trace "advisory panel names"
      foi trace board-minutes-2014-01-30-62a129-a02 --html trace.html
      foi trace --all --json
      foi trace --all --from corpus/        # without an index
    """
    chosen = sum(bool(x) for x in (target, query, trace_all))
    if chosen != 1:
        die("give exactly one of ACTION_ID (or words), --query TEXT or --all")
    if html_out and trace_all:
        die("--html writes one action's timeline: give an ACTION_ID or words, not --all")
    from index.trace import TraceSelectionError, trace_from_documents, trace_from_store

    progress = None if as_json else _progress("Tracing")
    try:
        if from_paths:
            traces = trace_from_documents(_read(from_paths), target, query, trace_all, progress)
        else:
            with open_index_or_exit(ctx.obj["index_path"]) as index:
                traces = trace_from_store(index.store, target, query, trace_all, progress)
    except TraceSelectionError as exc:
        if exc.usage:
            die(str(exc))
        # nothing matched the words: an empty answer is an answer (exit 0, as search)
        if as_json:
            print_json({"schema": 1, "traces": []})
        else:
            message = str(exc)
            click.echo(f"{message[:1].upper()}{message[1:]}.")
        return
    if html_out:
        from index.trace.html import timeline_html

        with open(html_out, "w", encoding="utf-8") as fh:
            fh.write(timeline_html(traces[0]))
        if not as_json:
            click.echo(f"wrote {html_out}", err=True)
    if as_json:
        print_json({"schema": 1, "traces": traces})
        return
    if html_out:
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
    """A timeline: date · document · location · relation (reason) · text."""
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
        click.echo(head + dim(f" ({link.get('reason', '')}, {link['score']:.2f})"))
        click.echo(wrap(link["text"].replace("\n", " "), indent="      "))
    click.echo(dim(f"  {a['action_id']}"))


@click.command("series")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the contract shape).")
@click.pass_context
def series_cmd(ctx, as_json: bool) -> None:
    """List the meeting series: each group's papers by their own dates, with action counts.

    \b
    Example:
      foi series --json
    """
    from index.trace import series_listing

    with open_index_or_exit(ctx.obj["index_path"]) as index:
        listing = series_listing(index.store.documents(), index.store.action_counts())
    if as_json:
        print_json({"schema": 1, "series": listing})
        return
    if not listing:
        click.echo("The index holds no meeting series.")
        return
    for i, s in enumerate(listing):
        if i:
            click.echo()
        n_actions = sum(d["actions"] for d in s["documents"])
        click.echo(click.style(s["group"], bold=True) + dim(f"  {len(s['documents'])} papers, {n_actions} actions"))
        for d in s["documents"]:
            click.echo(f"  {d['date'] or 'undated':10}  {d['doc_type']:12} {d['actions']:>3}  {d['title'][:60]}"
                       + dim(f"  [{d['doc_id']}]"))


COMMANDS = [trace_cmd, series_cmd]
