"""Importing Whoosh without what it does not use here, so that `foi search` starts faster.

whoosh.compat (Whoosh 2.7.4) imports ``urllib.request`` only to re-export ``urlretrieve``,
which nothing in Whoosh or in foisearch calls; with it come http.client, ssl, socket and the
email package: about 25 ms and 7 MB of every `foi search`, a sixth of its imports. It also
imports ``html`` (and html.entities) for ``escape`` and ``queue`` to re-export, neither used by
a search, and ``pickle`` (~1 ms) for four functions that are ``_pickle``'s (pickle re-exports
them). `light_whoosh_compat` lets whoosh.compat import stand-ins (whose names load the real
module when first used; the pickle one holds ``_pickle``'s four functions, the same objects),
then takes them out of ``sys.modules``, so a later ``import urllib.request`` (``html``,
``queue``, ``pickle``) anywhere gets the real module. The engine package calls
it before anything imports Whoosh; a module already loaded is left as it is, and nothing is
done once Whoosh is loaded.

`LazyModule` names a module without importing it: the engine module names Whoosh's reading and
writing modules with it, so that `foi search`, which reads the index itself (whoosh_eval),
never loads them.

`english_stemmer` loads Whoosh's English stemmer without its other languages (the query-time
analysis, index/engine/analysis.py, stems with it).

This is the one place that relies on how Whoosh imports; tests/test_startup_imports.py checks
the version it was written for and that both names still work.
"""

from __future__ import annotations

import os
import sys
import types

WRITTEN_FOR = (2, 7, 4)  # whoosh.__version__


def _later(module: str, name: str):
    """A function that imports ``module`` when called and calls its ``name``."""

    def call(*args, **kwargs):
        import importlib

        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    return call


def light_whoosh_compat() -> None:
    if "whoosh.compat" in sys.modules:
        return
    stand_ins: dict[str, object] = {}
    if "urllib.request" not in sys.modules:
        request = stand_ins["urllib.request"] = types.ModuleType("urllib.request")
        request.urlretrieve = _later("urllib.request", "urlretrieve")  # type: ignore[attr-defined]
    if "html" not in sys.modules:
        html = stand_ins["html"] = types.ModuleType("html")
        html.escape = _later("html", "escape")  # type: ignore[attr-defined]
    if "queue" not in sys.modules:
        stand_ins["queue"] = LazyModule("queue")
    if "pickle" not in sys.modules:
        import _pickle

        pickle = stand_ins["pickle"] = _PickleStandIn("pickle")
        # whoosh.compat's `from pickle import dumps, loads, dump, load`: pickle's are these
        pickle.dumps, pickle.loads, pickle.dump, pickle.load = _pickle.dumps, _pickle.loads, _pickle.dump, _pickle.load
    sys.modules.update(stand_ins)  # type: ignore[arg-type]
    try:
        import whoosh.compat  # noqa: F401 - imported here, with the stand-ins in place
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        import urllib

        if "urllib.request" in stand_ins and getattr(urllib, "request", None) is stand_ins["urllib.request"]:
            del urllib.request


class _PickleStandIn(types.ModuleType):
    """whoosh.compat's ``pickle``: any name but the four it was given loads the real module
    (whoosh.index asks it for PicklingError when it writes a schema)."""

    def __getattr__(self, attr: str):
        if attr.startswith("__"):  # the import system's questions (__path__, ...): a plain module's answer
            raise AttributeError(attr)
        import importlib

        if sys.modules.get("pickle") is self:  # asked while standing in: the real one from now on
            del sys.modules["pickle"]
        return getattr(importlib.import_module("pickle"), attr)


class LazyModule:
    """A module imported when one of its names is first used: `foi search` reads the index
    without Whoosh (`whoosh_eval`), so the engine module names Whoosh's modules without
    importing them (writing, the collector path and suggestions import them when they run)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module = None

    def __getattr__(self, attr: str):
        module = self._module
        if module is None:
            import importlib

            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def english_stemmer():
    """The stemmer of Whoosh's ``StemFilter(lang="en")`` (whoosh.lang.snowball's English
    Snowball stemmer), without the fourteen other languages that whoosh.lang.snowball's package
    module imports (2 ms of every `foi search`): a stand-in package of the same folder lets
    ``whoosh.lang.snowball.english`` (and its ``.bases``) import alone; the stand-in and they are
    then taken out of ``sys.modules``, so a later import of the package (Whoosh's StemFilter when
    indexing) loads it whole as usual. Already loaded: the package's own class."""
    name = "whoosh.lang.snowball"
    if name in sys.modules:
        return sys.modules[name].classes["en"]().stem
    import whoosh.lang

    package = types.ModuleType(name)
    package.__path__ = [os.path.join(os.path.dirname(whoosh.lang.__file__), "snowball")]  # type: ignore[attr-defined]
    package.__package__ = name
    sys.modules[name] = package
    try:
        from whoosh.lang.snowball.english import EnglishStemmer
    finally:
        for module in (name, name + ".english", name + ".bases"):
            sys.modules.pop(module, None)
        if getattr(whoosh.lang, "snowball", None) is package:
            del whoosh.lang.snowball
    return EnglishStemmer().stem
