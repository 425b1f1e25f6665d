"""The `foi` program: a plain `foi search` runs without click (search_cli/fast_search.py), every
other command line goes to the click command group (search_cli/main.py)."""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    # A search is a short process that leaves no cyclic garbage worth collecting: without the
    # collector's passes over the objects its imports create it runs ~3 % faster, at the same
    # peak memory. Every other command (ingest runs for minutes) gets the collector back.
    gc.disable()
    from search_cli.lean_imports import light_dataclasses

    light_dataclasses()  # before anything imports dataclasses (see there)
    from search_cli.fast_search import parse, run

    call = parse(sys.argv[1:], os.environ)
    if call is None:
        gc.enable()
        from search_cli.main import cli

        cli()  # exits with the command's code
        return
    run(call)
