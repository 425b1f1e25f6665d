"""RTF documents (striprtf): the text as Word shows it, tables found as in plain text.

RTF is 7-bit text with escapes; striprtf undoes the control words and the ``\\'xx`` escapes
(in the code page the file declares) and keeps paragraph breaks. Embedded pictures and
objects are dropped. Black shading in RTF is not read (no reader here knows where a run's
``\\cb`` colour table entry is black), so an RTF's redactions are the markers typed into it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.files import file_bytes
from ingest.models import ReadError, SourceFile


def read_rtf(path: str | Path) -> SourceFile:
    from ingest.read_text import normalise_newlines, page_from_text

    p = Path(path)
    data = file_bytes(p)
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ReadError("not an RTF file (no {\\rtf header)")
    from striprtf.striprtf import rtf_to_text  # a dependency; imported when an .rtf is read
    try:
        # RTF is ASCII; bytes above 127 in a careless writer's file are read as cp1252.
        text = rtf_to_text(data.decode("cp1252", errors="replace"), errors="replace")
    except Exception as exc:  # a malformed group structure: one line
        raise ReadError(f"RTF content could not be read ({type(exc).__name__}: {exc})") from None
    text = normalise_newlines(text.replace("\x00", "")).strip("\n")
    return SourceFile(path=str(path), format="text", pages=[page_from_text(text)],
                      sha256=hashlib.sha256(data).hexdigest())
