"""Turn the paths a user gave into the files to read, reporting every one that is left out."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# Extensions a reader exists for; the pipeline also sniffs content, so a wrong extension among
# these is still read by the right reader.
SUPPORTED_SUFFIXES = {
    ".pdf", ".docx", ".txt", ".md", ".text", ".eml",
    ".xlsx", ".xlsm", ".csv", ".html", ".htm", ".zip", ".msg", ".rtf", ".doc",
}


@dataclass
class WalkResult:
    files: list[str] = field(default_factory=list)
    # (path, reason) for folders and files that could not be walked or have no reader.
    problems: list[tuple[str, str]] = field(default_factory=list)
    # Files of types with no reader, found while walking a folder: reported, not failed.
    skipped: list[tuple[str, str]] = field(default_factory=list)


def _is_hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")  # ~$ = Word lock files


def _inside(real: str, roots: list[str]) -> bool:
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def walk(paths: list[str] | tuple[str, ...]) -> WalkResult:
    """Files under ``paths`` in a stable order. A path named directly is always taken, hidden or not.

    Inside a folder, a symlink is followed only when it points inside one of the folders given:
    ingesting a folder must never read files elsewhere on the machine (a link to ``/etc``)."""
    result = WalkResult()
    seen: set[str] = set()
    roots = [os.path.realpath(p) for p in paths if os.path.isdir(p)]

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            result.files.append(path)

    for given in paths:
        path = Path(given)
        if not path.exists() and not path.is_symlink():
            result.problems.append((given, "no such file or folder"))
        elif path.is_dir():
            _walk_dir(given, result, add, roots)
        elif path.is_file():
            add(given)
        else:
            result.problems.append((given, "not a regular file (broken link or device)"))
    return result


def _walk_dir(top: str, result: WalkResult, add, roots: list[str]) -> None:
    visited: set[tuple[int, int]] = set()

    def onerror(error: OSError) -> None:
        result.problems.append((error.filename or top, f"cannot read folder: {error.strerror or error}"))

    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror, followlinks=True):
        try:
            stat = os.stat(dirpath)
        except OSError as exc:
            result.problems.append((dirpath, f"cannot read folder: {exc.strerror}"))
            dirnames[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in visited:  # a symlink loop: report once, do not descend again
            result.problems.append((dirpath, "symlink loop: folder already walked"))
            dirnames[:] = []
            continue
        visited.add(key)
        kept = []
        for name in sorted(d for d in dirnames if not _is_hidden(d)):
            full = os.path.join(dirpath, name)
            if os.path.islink(full) and not _inside(os.path.realpath(full), roots):
                result.skipped.append((full, "symlink to a folder outside the ingested folders: not followed"))
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if _is_hidden(name):
                continue
            full = os.path.join(dirpath, name)
            if os.path.islink(full) and os.path.exists(full) and not _inside(os.path.realpath(full), roots):
                result.skipped.append((full, "symlink to a file outside the ingested folders: not followed"))
                continue
            suffix = Path(name).suffix.lower()
            if suffix in SUPPORTED_SUFFIXES:
                if os.path.isfile(full):
                    add(full)
                else:
                    result.problems.append((full, "broken link"))
            else:
                result.skipped.append((full, f"unsupported file type '{suffix or name}'"))
