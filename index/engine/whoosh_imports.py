"""Importing Whoosh without its web client, so that `foi search` starts faster.

whoosh.compat (Whoosh 2.7.4) imports ``urllib.request`` only to re-export ``urlretrieve``,
which nothing in Whoosh or in foisearch calls; with it come http.client, ssl, socket and the
email package: about 25 ms and 7 MB of every `foi search`, a sixth of its imports.
`light_whoosh_compat` lets whoosh.compat import a stand-in whose ``urlretrieve`` loads the
real one when called, then takes the stand-in out of ``sys.modules``, so a later
``import urllib.request`` anywhere gets the real module. The engine package calls it before
anything imports Whoosh; when Whoosh (or urllib.request) is already loaded it does nothing.

This is the one place that relies on how Whoosh imports; tests/test_startup_imports.py checks
the version it was written for and that both names still work.
"""

from __future__ import annotations

import sys
import types

WRITTEN_FOR = (2, 7, 4)  # whoosh.__version__


def light_whoosh_compat() -> None:
    if "whoosh.compat" in sys.modules or "urllib.request" in sys.modules:
        return
    stand_in = types.ModuleType("urllib.request")

    def urlretrieve(*args, **kwargs):
        from urllib.request import urlretrieve as real

        return real(*args, **kwargs)

    stand_in.urlretrieve = urlretrieve  # type: ignore[attr-defined]
    sys.modules["urllib.request"] = stand_in
    try:
        import whoosh.compat  # noqa: F401 - imported here, with the stand-in in place
    finally:
        if sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]
        import urllib

        if getattr(urllib, "request", None) is stand_in:
            del urllib.request
