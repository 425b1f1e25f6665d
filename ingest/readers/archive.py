"""ZIP archives, walked like a folder: each member a file read by its own reader.

``read_zip`` reads no member: it checks the archive against the limits below, lists its
members as the archive's own page (so a search for a file name finds the bundle), and returns
each member as an ``Embedded`` whose bytes are read only when the pipeline asks. The pipeline
locates a member's documents ``bundle.zip!folder/file.pdf`` and reads a ZIP inside a ZIP the
same way, up to ``ingest.pipeline.MAX_NESTING`` deep.

A zip bomb is refused whole, with one line: the sizes the archive declares must stay under
``MAX_TOTAL_BYTES`` in all and ``MAX_MEMBER_BYTES`` each, a member larger than
``RATIO_FLOOR`` may not expand more than ``MAX_RATIO`` times, and a member that turns out
larger than it declared is cut off at its declared size and refused.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path, PurePosixPath

from ingest.limits import limit
from ingest.models import Embedded, Page, ReadError, SourceFile

MAX_MEMBERS = limit("zip_members")
MAX_MEMBER_BYTES = limit("zip_member_bytes")
MAX_TOTAL_BYTES = limit("zip_total_bytes")
MAX_RATIO = limit("zip_ratio")  # real documents compress 2-20x; a bomb, thousands of times
RATIO_FLOOR = 1024 * 1024  # small members may compress as they like (a blank form: 500x)

# Members that are never documents: OS clutter and folders.
_CLUTTER = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")


def _mb(n: int) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e9 else f"{n / 1e6:.1f} MB"


def _clutter(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return (name.startswith(_CLUTTER[0]) or any(p in _CLUTTER[1:] for p in parts)
            or any(p.startswith(".") or p.startswith("~$") for p in parts))


def check_limits(infos: list[zipfile.ZipInfo]) -> None:
    """Raise ReadError (one line) when the archive's declared sizes look like a zip bomb."""
    if len(infos) > MAX_MEMBERS:
        raise ReadError(f"zip bomb refused: {len(infos)} members (limit {MAX_MEMBERS})")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise ReadError(f"zip bomb refused: members would expand to {_mb(total)} (limit {_mb(MAX_TOTAL_BYTES)})")
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise ReadError(f"zip bomb refused: {info.filename} would expand to {_mb(info.file_size)} "
                            f"(limit {_mb(MAX_MEMBER_BYTES)} a member)")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise ReadError(f"zip bomb refused: {info.filename} would expand {ratio}x (limit {MAX_RATIO}x)")


def _loader(path: str, info: zipfile.ZipInfo):
    def load() -> bytes:
        try:
            with zipfile.ZipFile(path) as zf, zf.open(info) as member:
                data = member.read(info.file_size + 1)
        except RuntimeError as exc:  # "File is encrypted, password required"
            raise ReadError(f"cannot read: {str(exc).splitlines()[0]}") from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise ReadError(f"damaged zip member ({exc})") from None
        if len(data) > info.file_size:
            raise ReadError("zip bomb refused: the member is larger than the archive declares")
        return data

    return load


def read_zip(path: str | Path) -> SourceFile:
    p = Path(path)
    try:
        with p.open("rb") as handle:
            digest = hashlib.sha256()
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise ReadError(f"not a readable ZIP archive ({exc})") from None
    except OSError as exc:
        raise ReadError(f"cannot open file ({exc.strerror or exc})") from None
    check_limits(infos)
    embedded: list[Embedded] = []
    names: list[str] = []
    warnings: list[str] = []
    for info in infos:
        if info.is_dir() or _clutter(info.filename):
            continue
        name = info.filename
        names.append(name)
        if info.flag_bits & 0x1:
            embedded.append(Embedded(name, error="encrypted (password-protected); not read"))
        else:
            embedded.append(Embedded(name, load=_loader(str(p), info)))
    if not names:
        raise ReadError("empty archive (no files in it)")
    text = f"Archive of {len(names)} file{'s' if len(names) != 1 else ''}\n\n" + "\n".join(names)
    return SourceFile(path=str(path), format="archive", pages=[Page(None, text)], warnings=warnings,
                      sha256=digest.hexdigest(), embedded=embedded)
