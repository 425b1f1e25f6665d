"""Importing dataclasses without inspect, so that `foi search` starts faster.

dataclasses (Python 3.11) imports ``inspect`` (with ast, dis, tokenize, linecache: about 3 ms
of every search) and uses it for one thing only: to write a docstring, from the signature, for a
dataclass written without one. Every dataclass a search defines has its own docstring, so
`light_dataclasses` lets dataclasses import a stand-in whose names load the real ``inspect``
when first used, then takes the stand-in out of ``sys.modules``: a later ``import inspect``
anywhere gets the real module, and dataclasses' own name for it still works (it loads it).
The console entry (search_cli/entry.py) calls it first; a process that has either module
already is left as it is. tests/test_startup_imports.py checks that a search loads no inspect
and that both names still work.
"""

from __future__ import annotations

import sys
import types


class _LoadedOnUse(types.ModuleType):
    """Stands for a module; the first name asked of it imports the real module."""

    def __getattr__(self, attr: str):
        import importlib

        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


def light_dataclasses() -> None:
    if "dataclasses" in sys.modules or "inspect" in sys.modules:
        return
    stand_in = _LoadedOnUse("inspect")
    sys.modules["inspect"] = stand_in
    try:
        import dataclasses  # noqa: F401 - imported here, with the stand-in in place
    finally:
        if sys.modules.get("inspect") is stand_in:
            del sys.modules["inspect"]
