"""The `foi` command group. Each command lives in its own module; this file only wires them."""

from __future__ import annotations

import sys

import click

EXIT_RULE = """\
Exit status (every command): 0 the command ran, whether or not anything matched (an empty
list or no search hits is an answer, not an error); 1 the command ran but found problems
(audit findings, files that could not be read); 2 usage error, unusable index, a path that
does not exist, or nothing readable among the files given; 3 internal error (a bug: set
FOI_DEBUG=1 for the traceback)."""


class FoiGroup(click.Group):
    """click.Group that turns an error escaping a command into one line, never a traceback
    (search_cli/faults.py), and imports a command's module only when that command runs
    (`COMMAND_NAMES`)."""

    def get_command(self, ctx: click.Context, cmd_name: str):
        if cmd_name not in self.commands:
            module = COMMAND_NAMES.get(cmd_name)
            if module is not None:
                _load(self, module)
            else:  # not a command name we know: all of them, so click can suggest the nearest
                _register()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        _register()  # `foi --help` shows every command with its one-line help
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context):
        from search_cli.faults import command_faults

        with command_faults(passthrough=(click.exceptions.ClickException, click.exceptions.Exit,
                                         click.exceptions.Abort)):
            return super().invoke(ctx)


@click.group(cls=FoiGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EXIT_RULE)
@click.version_option(package_name="foisearch", prog_name="foi", message="%(prog)s %(version)s")
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

    \b
    Settings read from the environment (checked before any command runs):
      FOI_INDEX, FOI_LOCK_TIMEOUT, FOI_PDF_ENGINE (fast|plumber), FOI_TESSERACT,
      FOI_OCR_CACHE, FOI_ANTIWORD, FOI_TRACE_AT_INGEST_LIMIT, NO_COLOR, FOI_DEBUG,
      FOI_LIMITS (e.g. "text_chars=20000000,page_text_objects=50000": the limits of
      ingest/limits.py, listed in the README).
    """
    from search_cli.settings import check_environment

    problems = check_environment()
    for line in problems:
        click.echo(f"foi: {line}", err=True)
    if problems:
        sys.exit(2)
    ctx.ensure_object(dict)
    ctx.obj["index_path"] = index_path


# Each command lives in one module, search_cli/cmd_NAME.py.
COMMAND_MODULES = ("extract", "ingest", "search", "browse", "redactions", "audit", "trace")
# Command -> its module: running a command imports its module only (`foi search` starts without
# the other commands' imports). A test checks this map against the modules' COMMANDS.
COMMAND_NAMES = {
    "extract": "extract", "ingest": "ingest", "search": "search", "documents": "browse", "show": "browse",
    "actions": "browse", "recs": "browse", "redactions": "redactions", "audit": "audit", "trace": "trace",
    "series": "trace",
}


def _load(group: click.Group, name: str) -> None:
    import importlib

    module = importlib.import_module(f"search_cli.cmd_{name}")
    for command in module.COMMANDS:
        group.add_command(command)


def _register() -> None:
    # Command modules are imported when a command runs, not at the top of each other, so that
    # a slow import (spaCy, pdfplumber) is paid only by the command that needs it; this loads
    # them all (for --help). A module that cannot be imported is an error, never a command
    # that silently disappears.
    for name in COMMAND_MODULES:
        _load(cli, name)
