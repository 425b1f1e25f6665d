"""While one file takes long to read, the progress bar says which and for how long.

The bar moves once per file; a 600-page bundle or a huge export can hold it still for a minute.
A thread redraws the bar's label every second once the file has taken ``SLOW`` seconds, so the
person watching sees "Reading minutes-2016.pdf (25 s)" instead of a frozen line.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

SLOW = 3.0  # seconds on one file before its name and time are shown
TICK = 1.0


def waiting_label(name: str | None, seconds: float) -> str:
    """The bar's label for a file read for ``seconds`` (``name`` already safe to print), or,
    with no file, for the work after the last one (commits, tracing)."""
    if seconds < SLOW:
        return "Reading"
    if name is None:
        return f"Finishing: indexing and tracing ({int(seconds)} s)"
    return f"Reading {name} ({int(seconds)} s)"


class Heartbeat:
    def __init__(self, bar: Callable[[], Any], shown: Callable[[str], str]) -> None:
        self._bar = bar  # the click progress bar, or None until there is one
        self._shown = shown
        self._path: str | None = None
        self._started = False  # a file has been written (so no file named: finishing)
        self._since = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="foi-heartbeat", daemon=True)

    def waiting(self, path: str) -> None:
        """The run now waits for ``path`` to be read."""
        self._path, self._since = path, time.monotonic()
        bar = self._bar()
        if bar is not None:
            bar.label = "Reading"

    def file_done(self) -> None:
        """A file was written; until ``waiting`` names the next, the run is finishing."""
        self._path, self._since = None, time.monotonic()
        self._started = True

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=2 * TICK)

    def _run(self) -> None:
        while not self._stop.wait(TICK):
            bar, path = self._bar(), self._path
            if bar is None or (path is None and not self._started):
                continue
            seconds = time.monotonic() - self._since
            if seconds >= SLOW:
                bar.label = waiting_label(self._shown(path) if path is not None else None, seconds)
                bar.render_progress()
