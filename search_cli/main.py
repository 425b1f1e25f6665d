"""The `foi` command group. Each command lives in its own module; this file only wires them."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--index",
    "index_path",
    envvar="FOI_INDEX",
    default=".foi",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Index folder (else $FOI_INDEX, else ./.foi).",
)
@click.pass_context
def cli(ctx: click.Context, index_path: str) -> None:
    """Search FOI releases and committee papers, keeping every redaction visible.

    \b
    Example:
      foi ingest corpus/
      foi search "recommendation 7 vetting"
    """
    ctx.ensure_object(dict)
    ctx.obj["index_path"] = index_path


def _register() -> None:
    # Command modules are imported here, not at the top of each other, so that a slow
    # import (spaCy, pdfplumber) is paid only by the command that needs it.
    import importlib

    for name in ("extract", "ingest", "search", "browse", "audit", "trace"):
        try:
            module = importlib.import_module(f"search_cli.cmd_{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"search_cli.cmd_{name}":
                continue  # command not built yet
            raise
        for command in module.COMMANDS:
            cli.add_command(command)


_register()
