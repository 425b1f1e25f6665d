"""Reading a file's bytes the way every reader does: an OS error becomes one ReadError line."""

from __future__ import annotations

from pathlib import Path

from ingest.models import ReadError


def file_bytes(path: str | Path) -> bytes:
    """The whole file, or ReadError("cannot open file (…)") naming the system's reason."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot open file ({exc.strerror or exc})") from None
